"""What the README states about the data and the examples it gives, checked against the code."""
import re

import sjzforecast
from sjzforecast import explore, paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_the_series_lengths_the_readme_states_are_the_datas(observations):
    """The intro's range of points per series: every main series that can be forecast, and 石家庄's own."""
    stated = re.search(r"annual series \((\d+)–(\d+) points;\s+石家庄's own have (\d+)–(\d+)\)", README)
    assert stated, "the README's intro no longer states the series' lengths"
    lengths = {(region, indicator): len(sjzforecast.select_series(observations, region, indicator).series)
               for region in explore.region_choices(observations)
               for indicator in explore.indicator_choices(observations, region)}
    city = [n for (region, _), n in lengths.items() if region == explore.PLAN_REGION]
    assert tuple(map(int, stated.groups())) == (min(lengths.values()), max(lengths.values()), min(city), max(city))


def test_the_readme_peer_prior_example_reports_the_peer_weight(observations):
    assert "sjzforecast.fit_model(y, peers=prior).tidy()" in README
    y = sjzforecast.select_series(observations, "石家庄", "rd_intensity").series
    prior = sjzforecast.peer_prior(sjzforecast.provincial_panel(observations, "rd_intensity"), until=2023)
    terms = sjzforecast.fit_model(y, peers=prior).tidy()["term"]
    assert terms.str.endswith("peer_weight").any()
