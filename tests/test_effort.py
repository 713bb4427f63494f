import numpy as np
import pandas as pd
import pytest

from sjzforecast import effort


def test_required_growth_recovers_a_known_rate():
    # 2.0 growing 7 % a year for 4 years reaches 2.0 * 1.07**4
    assert effort.required_growth(2021, 2.0, 2.0 * 1.07 ** 4, 2025) == pytest.approx(0.07)
    assert effort.required_growth(2023, 2.76, 3.0, 2025) == pytest.approx((3.0 / 2.76) ** 0.5 - 1)


def test_required_growth_for_a_falling_target_is_negative():
    assert effort.required_growth(2020, 100.0, 81.0, 2022) == pytest.approx(-0.10)


@pytest.mark.parametrize("args, match", [
    ((2025, 2.0, 3.0, 2025), "not after the latest observation"),
    ((2020, 0.0, 3.0, 2025), "zero value"),
    ((2020, -1.0, 3.0, 2025), "one sign"),
])
def test_required_growth_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        effort.required_growth(*args)


def test_grow_rejects_rates_at_or_below_minus_100_percent():
    assert effort.grow(100.0, 0.1, 2) == pytest.approx(121.0)
    with pytest.raises(ValueError, match="above -100 %"):
        effort.grow(100.0, -1.2, 2)


def test_current_pace_uses_the_recent_span_at_uneven_years(cagr_series):
    # cagr_series grows exactly 10 % a year at 2015, 2016, 2018, 2021, 2023
    start, pace = effort.current_pace(cagr_series, span=5)
    assert start == 2018  # latest observation at least 5 years before 2023
    assert pace == pytest.approx(0.10)
    assert effort.current_pace(cagr_series, span=20)[0] == 2015


def test_current_pace_needs_two_points():
    with pytest.raises(ValueError, match="at least 2 observations"):
        effort.current_pace(pd.Series([1.0], index=[2020]))


def test_required_effort_gap(cagr_series):
    last = cagr_series[2023]
    e = effort.required_effort(cagr_series, last * 1.2 ** 2, 2025)
    assert e.required_growth == pytest.approx(0.20)
    assert e.gap == pytest.approx(0.10)
    assert e.to_dict()["gap"] == pytest.approx(0.10)


@pytest.fixture
def tiny_panel():
    """Three regions; 2-year windows: a 2020-22 +10 %/yr, a 2021-23 ~0 %, b 2020-22 +2 %/yr, c sign change."""
    return pd.DataFrame({
        "region": ["a", "a", "a", "a", "b", "b", "c", "c"],
        "year": [2020, 2021, 2022, 2023, 2020, 2022, 2020, 2022],
        "value": [100.0, 50.0, 121.0, 50.0, 100.0, 104.04, -1.0, 2.0],
    })


def test_peer_growth_rates_only_windows_of_the_span(tiny_panel):
    rates = effort.peer_growth_rates(tiny_panel, 2)
    assert sorted(zip(rates.region, rates.start_year)) == [("a", 2020), ("a", 2021), ("b", 2020)]
    got = dict(zip(zip(rates.region, rates.start_year), rates.growth))
    assert got[("a", 2020)] == pytest.approx(0.10)
    assert got[("b", 2020)] == pytest.approx(0.02)
    assert got[("a", 2021)] == pytest.approx(0.0)


def test_feasibility_against_peers_known_answer(tiny_panel):
    f = effort.feasibility_against_peers(0.05, 2, tiny_panel)
    assert (f.periods, f.periods_achieved) == (3, 1)
    assert f.share == pytest.approx(1 / 3)
    assert (f.regions, f.regions_ever_achieved) == (2, 1)
    assert f.share_of_regions == pytest.approx(0.5)
    assert effort.feasibility_against_peers(0.02, 2, tiny_panel).periods_achieved == 2
    assert np.isnan(effort.feasibility_against_peers(0.02, 9, tiny_panel).share)


def test_feasibility_bad_span_or_panel(tiny_panel):
    with pytest.raises(ValueError, match="span must be"):
        effort.feasibility_against_peers(0.05, 0, tiny_panel)
    with pytest.raises(ValueError, match="several values"):
        effort.feasibility_against_peers(0.05, 2, pd.concat([tiny_panel, tiny_panel.head(1)]))


def test_provincial_panel_has_31_provinces(observations):
    panel = effort.panel_frame(observations, "rd_expenditure")
    assert panel["region"].nunique() == 31
    assert not panel.duplicated(["region", "year"]).any()
    assert panel["year"].min() == 2011 and panel["year"].max() == 2024
    f = effort.feasibility_against_peers(0.12, 5, panel)
    assert f.periods == 31 * (2024 - 2011 - 5 + 1)
    assert 0 < f.share < 1
