import pytest

import sjzforecast
from sjzforecast.analysis import resolve_target


def test_rd_intensity_against_the_3_percent_target(observations, targets):
    result = sjzforecast.analyse_indicator(indicator="rd_intensity", target_year=2025, n_paths=2000,
                                           observations=observations, targets=targets)
    assert result.target.level == 3.0 and result.target.year == 2025
    assert 0.0 < result.probability < 1.0
    assert result.target_path[2025] == pytest.approx(3.0)
    assert result.required_growth == pytest.approx((3.0 / 2.76) ** 0.5 - 1)
    assert list(result.forecast.index) == list(range(2024, 2031))
    frame = result.scenario_frame()
    assert set(frame["scenario"]) == {"bau", "target_path"}


def test_cumulative_and_growth_rate_targets_become_levels(observations, targets):
    hte = sjzforecast.select_series(observations, "石家庄", "hightech_enterprises").series
    row = sjzforecast.data.find_target(targets, "hightech_enterprises")
    assert resolve_target(row, hte, 2025).level == 2499 + 1501
    rd = sjzforecast.select_series(observations, "石家庄", "rd_expenditure").series
    row = sjzforecast.data.find_target(targets, "rd_expenditure_growth")
    assert resolve_target(row, rd, 2025).level == pytest.approx(rd[2020] * 1.12**5)


def test_target_year_before_the_data_is_refused(observations, targets):
    with pytest.raises(ValueError, match=r"target_year 2019 is before the last observation .* \(2023\)"):
        sjzforecast.analyse_indicator(indicator="rd_intensity", target_year=2019,
                                      observations=observations, targets=targets)
