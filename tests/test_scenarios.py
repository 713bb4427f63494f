import numpy as np
import pandas as pd
import pytest

from sjzforecast.scenarios import (SCENARIO_COLUMNS, check_scenario, combine_scenarios, compound_path,
                                   driver_path, growth_path, growth_rates,
                                   quantile_path, required_growth, target_path, tidy_scenario, to_iamc)


def test_required_growth_recovers_a_known_rate():
    series = compound_path(2020, 2.13, 0.07, 2025)
    assert required_growth(2020, 2.13, series[2025], 2025) == pytest.approx(0.07)


def test_target_path_reaches_the_target_at_constant_growth():
    path = target_path(2023, 2.76, 3.0, 2025, end_year=2027)
    assert list(path.index) == [2023, 2024, 2025, 2026, 2027]
    assert path[2023] == pytest.approx(2.76) and path[2025] == pytest.approx(3.0)
    ratios = path.to_numpy()[1:] / path.to_numpy()[:-1]
    np.testing.assert_allclose(ratios, (3.0 / 2.76) ** 0.5)


def test_growth_below_minus_100_percent_is_refused():
    with pytest.raises(ValueError, match="below -100 %"):
        compound_path(2020, 1.0, -1.5, 2025)


# --- scenario engine ---------------------------------------------------------------------------




def test_unknown_scenario_names_the_known_ones():
    with pytest.raises(ValueError, match=r"No scenario named 'x'; known: \['bau', 'target_path', 'growth'"):
        check_scenario("x")


def test_growth_rates_per_year_span_and_sequence():
    by_span = growth_rates({2024: 0.10, "2026-2027": 0.05}, 2023, 2028)
    assert by_span.to_dict() == {2024: 0.10, 2025: 0.10, 2026: 0.05, 2027: 0.05, 2028: 0.05}
    assert growth_rates([0.1, 0.2], 2023, 2026).tolist() == [0.1, 0.2, 0.2]
    assert growth_rates(0.03, 2023, 2025).tolist() == [0.03, 0.03]


@pytest.mark.parametrize("rates, message", [
    (-1.2, "at or below -100 %"),
    ({"2026-2024": 0.1}, "ends before it starts"),
    ({"soon": 0.1}, "neither a year"),
    ([], "no growth rates"),
])
def test_growth_rates_bad_input(rates, message):
    with pytest.raises(ValueError, match=message):
        growth_rates(rates, 2023, 2030)


def test_growth_path_compounds_year_by_year():
    path = growth_path(2023, 100.0, {2024: 0.10, 2025: -0.50}, 2025)
    assert path.tolist() == pytest.approx([100.0, 110.0, 55.0])
    np.testing.assert_allclose(growth_path(2020, 2.13, 0.07, 2025), compound_path(2020, 2.13, 0.07, 2025))


def test_driver_identity():
    """Intensity = anchor x ((1 + g_rd) / (1 + g_gdp))^t."""
    path = driver_path(2023, 2.76, 0.12, 0.06, 2030)
    t = np.arange(0, 8)
    np.testing.assert_allclose(path.to_numpy(), 2.76 * (1.12 / 1.06) ** t)
    assert path[2025] == pytest.approx(2.76 * (1.12 / 1.06) ** 2)


def test_equal_driver_growth_keeps_the_ratio_flat():
    np.testing.assert_allclose(driver_path(2023, 2.76, 0.08, 0.08, 2035).to_numpy(), 2.76)
    varying = {"2024-2026": 0.05, "2027-2030": 0.09}
    np.testing.assert_allclose(driver_path(2023, 2.76, varying, varying, 2030).to_numpy(), 2.76)


def test_driver_path_is_the_ratio_of_numerator_and_denominator_paths():
    rd = growth_path(2023, 196.0, {2024: 0.12, "2025-2030": 0.10}, 2030)
    gdp = growth_path(2023, 7534.2, 0.06, 2030)
    path = driver_path(2023, 2.76, {2024: 0.12, "2025-2030": 0.10}, 0.06, 2030)
    np.testing.assert_allclose(path.to_numpy(), 2.76 * (rd / gdp).to_numpy() / (196.0 / 7534.2))


def test_quantile_paths_bracket_the_median():
    rng = np.random.default_rng(0)
    paths = pd.DataFrame(np.cumsum(rng.normal(0.05, 0.1, size=(4000, 5)), axis=1) + 3,
                         columns=range(2024, 2029))
    low, high, median = quantile_path(paths, 0.1), quantile_path(paths, 0.9), quantile_path(paths, 0.5)
    assert (low < median).all() and (median < high).all()
    assert np.mean(paths[2028] <= high[2028]) == pytest.approx(0.9, abs=0.01)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        quantile_path(paths, 1.5)


def test_tidy_frame_and_iamc_export_shape():
    forecast = pd.DataFrame({"mean": [1.0, 2.0], "lo-80": [0.5, 1.5], "hi-80": [1.5, 2.5]},
                            index=pd.Index([2024, 2025], name="year"))
    frame = combine_scenarios([
        tidy_scenario(forecast, "bau", "石家庄", "rd_intensity", "%"),
        tidy_scenario(compound_path(2023, 1.0, 0.1, 2025), "growth", "石家庄", "rd_intensity", "%"),
    ])
    assert list(frame.columns) == [*SCENARIO_COLUMNS, "lo-80", "hi-80"]
    assert len(frame) == 5 and frame.loc[frame.scenario == "growth", "lo-80"].isna().all()
    wide = to_iamc(frame)
    assert list(wide.columns) == ["model", "scenario", "region", "variable", "unit", 2023, 2024, 2025]
    assert sorted(wide["variable"]) == ["rd_intensity", "rd_intensity", "rd_intensity|hi-80", "rd_intensity|lo-80"]
    bau = wide[(wide.scenario == "bau") & (wide.variable == "rd_intensity")].iloc[0]
    assert np.isnan(bau[2023]) and bau[2025] == 2.0
    assert to_iamc(frame, quantiles=False)["variable"].tolist() == ["rd_intensity", "rd_intensity"]


@pytest.mark.parametrize("direction, last_value, target_value", [("increase", 19228.0, 15000.0), ("decrease", 0.8, 1.0)])
def test_target_path_holds_a_latest_value_that_already_meets_the_target(direction, last_value, target_value):
    path = target_path(2024, last_value, target_value, 2025, end_year=2030, direction=direction)
    assert list(path.index) == list(range(2024, 2031)) and (path == last_value).all()  # no fall back to the target
