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


def python_blocks() -> list[str]:
    """The README's ```python blocks, in order."""
    return re.findall(r"```python\n(.*?)```", README, re.S)


def test_the_readmes_first_python_example_runs_and_gives_the_values_its_comments_state():
    """The "In Python" example is run as written; the values its comments give are the ones it prints."""
    block = python_blocks()[0]
    scope: dict = {}
    exec(compile(block, "README.md: In Python", "exec"), scope)  # noqa: S102 - the project's own README
    sel, result = scope["sel"], scope["result"]
    stated = re.search(r"sel\.series\s+# (\d{4}) ([\d.]+), (\d{4}) ([\d.]+), (\d{4}) ([\d.]+)", block).groups()
    assert {int(y): float(v) for y, v in zip(stated[::2], stated[1::2])} == sel.series.to_dict()
    year, used, other = re.search(r"sel\.conflicts\s+# (\d{4}): ([\d.]+) used, ([\d.]+) also published", block).groups()
    assert [(c.year, c.chosen, c.alternatives) for c in sel.conflicts] == [(int(year), float(used), (float(other),))]
    for name in ("required_growth_from_latest", "required_growth_from_base"):
        value = re.search(rf"result\.{name}\s+# ([\d.]+)", block).group(1)
        assert f"{getattr(result, name):.1f}" == value, name
    assert set(result.categories) == set(sjzforecast.METHODS) and result.categories["opensdg"] == "on_track"
    assert scope["drivers"].lead.scenario == "drivers"


def test_the_readmes_peer_prior_example_runs():
    scope = {"sjzforecast": sjzforecast,
             "y": sjzforecast.select_series(sjzforecast.load_observations(), "石家庄", "rd_intensity").series}
    exec(compile(python_blocks()[-1], "README.md: peer priors", "exec"), scope)  # noqa: S102
    assert scope["prior"] is not None
