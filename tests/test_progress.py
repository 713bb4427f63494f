"""Known-answer tests for the progress methods, written from the published formulas.

Open SDG: open-sdg docs/progress-methodology.md and sdg-build ProgressMeasure.py (R thresholds
95 %, 60 %, 0; no-target CAGR 1.5 %, 0.5 %, 0; scaling factor exponent 4.44; zero -> 0.001;
latest data when the target year is past).  Eurostat: SDG monitoring report (ratio 95 %, 60 %;
1 % a year without a target; 5- and 15-year periods).  UNSD: Progress Chart 2022 (CR = CAGR
ratio, 0.95 / 0.5 / -0.1) and 2023 (extrapolated CR 0.95 / 0.10 with the EUSTAT exceptions).
ESCAP: anticipated progress and current status indices.
"""
import re

import numpy as np
import pandas as pd
import pytest

import sjzforecast
from sjzforecast.errors import SjzforecastError
from sjzforecast.progress import (METHODS, REASONS, assess, assess_all, assess_target, assess_variants, format_reason,
                                  target_level, verbal_probability)
from sjzforecast.progress.escap import anticipated_value, time_weights, weighted_trend
from sjzforecast.progress.reasons import render_reason
from sjzforecast.progress.rules import opensdg_scaling_factor

REQUIRED = 0.04  # target = 100 * 1.04 ** 15 in 2030 from 100 in 2015


def two_points(growth, base=100.0, years=(2015, 2020)):
    """A series from ``base`` growing ``growth`` a year between two years."""
    return pd.Series([base, base * (1 + growth) ** (years[1] - years[0])], index=list(years))


TARGET_2030 = 100 * (1 + REQUIRED) ** 15


# --- Open SDG ---------------------------------------------------------------------------------

@pytest.mark.parametrize("ratio, category", [
    (0.96, "on_track"), (0.94, "acceleration_needed"), (0.61, "acceleration_needed"),
    (0.59, "limited_progress"), (0.01, "limited_progress"), (-0.05, "deterioration"),
])
def test_opensdg_ratio_thresholds(ratio, category):
    a = assess(two_points(ratio * REQUIRED), TARGET_2030, 2030, method="opensdg")
    assert a.ratio == pytest.approx(ratio)
    assert a.required_growth == pytest.approx(REQUIRED)
    assert a.category == category


def test_opensdg_target_achieved_and_decrease_direction():
    assert assess(two_points(0.10), 150, 2030).category == "target_achieved"
    # falling 3 %/yr where -2 %/yr is required: R = 1.5
    falling = two_points(-0.03)
    a = assess(falling, 100 * 0.98 ** 15, 2030, direction="decrease")
    assert a.ratio == pytest.approx(1.5) and a.category == "on_track"
    assert assess(two_points(0.01), 100 * 0.98 ** 15, 2030, direction="decrease").category == "deterioration"


def test_opensdg_all_negative_values_flip_the_sign():
    # -10 -> -8 over 5 years (rising toward 0), target -5 in 2030
    a = assess(pd.Series([-10.0, -8.0], index=[2015, 2020]), -5.0, 2030)
    expected = -(0.8 ** 0.2 - 1) / abs(0.5 ** (1 / 15) - 1)
    assert a.ratio == pytest.approx(expected)
    assert a.category == "on_track"


def test_opensdg_target_achieved_before_the_minimum_data_checks_as_sdg_build():
    y = pd.Series([57.5, 16.7], index=[2013, 2024])  # base year 2024 is the latest observation
    assert assess(y, 24.0, 2028, base_year=2024, direction="decrease").category == "target_achieved"
    assert assess(y, 24.0, 2028, base_year=2024, direction="decrease", method="unsd2022").category == "not_assessable"


def test_opensdg_zero_target_is_replaced_before_the_achieved_check():
    a = assess(pd.Series([0.5, 0.0005], index=[2015, 2020]), 0.0, 2030, direction="decrease")
    assert a.category == "target_achieved" and "zero target replaced by 0.001" in a.notes
    assert assess(pd.Series([0.5, 0.0005], index=[2015, 2020]), 0.0, 2030, direction="decrease",
                  method="unsd2023", tolerance=None).category != "target_achieved"


def test_opensdg_zero_base_is_replaced():
    a = assess(pd.Series([0.0, 2.0], index=[2015, 2020]), 10.0, 2030)
    assert a.actual_growth == pytest.approx((2 / 0.001) ** 0.2 - 1)
    assert "zero base value replaced by 0.001" in a.notes


@pytest.mark.parametrize("growth, category", [
    (0.02, "on_track"), (0.01, "acceleration_needed"), (0.003, "limited_progress"), (-0.01, "deterioration"),
])
def test_opensdg_no_target_thresholds(growth, category):
    assert assess(two_points(growth), None, None, method="opensdg").category == category


def test_opensdg_scaling_factor_values():
    assert opensdg_scaling_factor(0, 100) == 1.0
    assert opensdg_scaling_factor(100, 100) == 0.0
    assert opensdg_scaling_factor(250, 100) == 1.0
    assert opensdg_scaling_factor(90, 100) == pytest.approx(1 - 0.9 ** 4.44)
    assert opensdg_scaling_factor(150, 100) == pytest.approx(1 - 0.5 ** 4.44)


def test_opensdg_natural_limit_lowers_the_thresholds():
    # base 90 near a limit of 100: C = 1 - 0.9**4.44 = 0.374; on track needs 1.5 % * C = 0.56 %
    near_limit = two_points(0.006, base=90.0)
    assert assess(near_limit, None, None).category == "acceleration_needed"
    limited = assess(near_limit, None, None, limit=100)
    assert limited.category == "on_track"
    assert any("scaled by C = 0.37" in n for n in limited.notes)
    at_limit = pd.Series([100.0, 100.0], index=[2015, 2020])
    assert assess(at_limit, None, None, limit=100).category == "on_track"


# --- Eurostat ---------------------------------------------------------------------------------

def test_eurostat_target_ratio_and_label():
    a = assess(two_points(0.7 * REQUIRED), TARGET_2030, 2030, method="eurostat")
    assert a.ratio == pytest.approx(0.7)
    assert (a.category, a.label) == ("acceleration_needed", "moderate progress towards the target")


@pytest.mark.parametrize("growth, category, label", [
    (0.015, "on_track", "significant progress towards SD objectives"),
    (0.005, "acceleration_needed", "moderate progress towards SD objectives"),
    (-0.005, "deterioration", "moderate movement away from SD objectives"),
    (-0.02, "deterioration", "significant movement away from SD objectives"),
])
def test_eurostat_no_target_thresholds(growth, category, label):
    a = assess(two_points(growth), None, None, method="eurostat")
    assert (a.category, a.label) == (category, label)


def test_eurostat_short_term_span_moves_the_base():
    years = np.arange(2011, 2024)
    values = np.where(years <= 2018, 100 * 1.10 ** (years - 2011), 100 * 1.10 ** 7 * 0.99 ** (years - 2018))
    y = pd.Series(values, index=years)
    long_run = assess(y, None, None, method="eurostat")
    short_run = assess(y, None, None, method="eurostat", span=5)
    assert long_run.category == "on_track" and long_run.base_year == 2011
    assert short_run.base_year == 2018
    assert short_run.actual_growth == pytest.approx(-0.01)
    assert short_run.category == "deterioration"


def test_eurostat_span_note_names_the_period_assessed():
    years = np.arange(2015, 2024)
    full = assess(pd.Series(100 * 1.02 ** (years - 2015), index=years), None, None, method="eurostat", span=5)
    assert full.base_year == 2018 and "short-term assessment over 5 years (2018-2023)" in full.notes
    short = assess(pd.Series([100.0, 110.0], index=[2020, 2023]), None, None, method="eurostat", span=5)
    assert short.category == "on_track"
    assert any("only 3 years (2020-2023)" in n and "shorter than Eurostat's 5-year period" in n for n in short.notes)
    too_short = assess(pd.Series([100.0, 110.0], index=[2021, 2023]), None, None, method="eurostat", span=5)
    assert (too_short.category, too_short.reason_code) == ("not_assessable", "short_period")
    assert "at least 3" in too_short.reason


def test_eurostat_target_met_is_graded_by_growth_not_achieved():
    y = pd.Series([100.0, 130.0, 125.0], index=[2015, 2018, 2020])  # target 120 met in 2018, then a fall
    since_2015 = assess(y, 120.0, 2030, method="eurostat")
    assert since_2015.ratio == pytest.approx((1.25 ** 0.2 - 1) / (1.2 ** (1 / 15) - 1))
    assert (since_2015.category, since_2015.label) == ("on_track", "significant progress towards the target")
    assert any("no 'target achieved' category" in n for n in since_2015.notes)
    since_2018 = assess(y, 120.0, 2030, base_year=2018, method="eurostat")
    assert (since_2018.category, since_2018.label) == ("deterioration", "movement away from the target")
    assert assess(y, 120.0, 2030, base_year=2018, method="opensdg").category == "target_achieved"


# --- UNSD ------------------------------------------------------------------------------------

ISSUE_CASE = pd.Series([100.0, 110.0], index=[2015, 2020])  # toward 200 in 2030


def test_unsd2022_growth_ratio_known_answer():
    a = assess(ISSUE_CASE, 200.0, 2030, method="unsd2022")
    assert a.ratio == pytest.approx((1.1 ** 0.2 - 1) / (2 ** (1 / 15) - 1))
    assert round(a.ratio, 2) == 0.41
    assert (a.category, a.label) == ("limited_progress", "limited or no progress")


@pytest.mark.parametrize("ratio, category", [
    (0.96, "on_track"), (0.94, "acceleration_needed"), (0.51, "acceleration_needed"), (0.49, "limited_progress"),
    (-0.09, "limited_progress"), (-0.11, "deterioration"),
])
def test_unsd2022_bands(ratio, category):
    a = assess(two_points(ratio * REQUIRED), TARGET_2030, 2030, method="unsd2022")
    assert a.ratio == pytest.approx(ratio)
    assert a.category == category


def test_unsd2022_target_achieved_and_no_target():
    assert assess(two_points(0.10), 150, 2030, method="unsd2022").category == "target_achieved"
    for growth, category in [(0.011, "on_track"), (0.007, "acceleration_needed"), (0.0, "limited_progress"),
                             (-0.011, "deterioration")]:
        assert assess(two_points(growth), None, None, method="unsd2022").category == category


def test_unsd2023_extrapolation_known_answer():
    a = assess(ISSUE_CASE, 200.0, 2030, method="unsd2023")
    assert a.extrapolated_value == pytest.approx(133.1)
    assert round(a.ratio, 2) == 0.33
    assert (a.score, a.category, a.label) == (2, "acceleration_needed", "fair progress but acceleration needed")


def test_unsd_is_an_alias_of_unsd2023():
    assert METHODS["unsd"] is METHODS["unsd2023"] and "unsd" in METHODS and "unsd" not in list(METHODS)
    assert METHODS.canonical("unsd") == "unsd2023" and METHODS.canonical("escap") == "escap"
    alias = assess(ISSUE_CASE, 200.0, 2030, method="unsd")
    assert alias.method == "unsd" and alias.ratio == assess(ISSUE_CASE, 200.0, 2030, method="unsd2023").ratio


@pytest.mark.parametrize("target, score, category", [
    (158.0, 3, "on_track"), (160.0, 2, "acceleration_needed"), (600.0, 2, "acceleration_needed"),
    (700.0, 1, "limited_progress"),
])
def test_unsd2023_extrapolated_value_bands(target, score, category):
    # 3 %/yr from 100 (2015) to 2020, continued to 2030: v_e = 100 * 1.03**15
    a = assess(two_points(0.03), target, 2030, method="unsd2023")
    assert a.extrapolated_value == pytest.approx(100 * 1.03 ** 15)
    assert a.ratio == pytest.approx((100 * 1.03 ** 15 - 100) / (target - 100))
    assert (a.score, a.category) == (score, category)


def test_unsd2023_regression_and_no_target():
    assert assess(two_points(-0.01), 150, 2030, method="unsd2023").category == "deterioration"
    for growth, category in [(0.025, "on_track"), (0.01, "acceleration_needed"), (0.002, "limited_progress"),
                             (-0.01, "deterioration")]:
        assert assess(two_points(growth), None, None, method="unsd2023").category == category
    zero_base = assess(pd.Series([0.0, 1.0], index=[2015, 2020]), 5, 2030, method="unsd2023")
    assert zero_base.category == "not_assessable" and "zero" in zero_base.reason


def test_unsd2023_near_limit_counts_as_met():
    # 1.5 % -> 0.95 %, target 0 %: within one point of the limit
    y = pd.Series([1.5, 0.95], index=[2010, 2020])
    a = assess(y, 0.0, 2030, direction="decrease", method="unsd2023")
    assert (a.category, a.reason_code) == ("target_achieved", "near_limit")
    trend_only = assess(y, 0.0, 2030, direction="decrease", method="unsd2023", tolerance=None)
    assert trend_only.ratio == pytest.approx((1.5 - 0.95 * (0.95 / 1.5) ** 1.0) / 1.5)
    assert trend_only.category == "acceleration_needed"
    assert assess(pd.Series([90.0, 98.5], index=[2015, 2020]), 100.0, 2030,
                  method="unsd2023").reason_code != "near_limit"
    assert assess(pd.Series([90.0, 99.2], index=[2015, 2020]), 100.0, 2030,
                  method="unsd2023").reason_code == "near_limit"


def test_unsd2023_base_year_takes_the_nearest_observation():
    y = pd.Series([1.0, 1.2, 1.5], index=[2014, 2017, 2020])
    nearest = assess(y, 3.0, 2030, base_year=2015, method="unsd2023")
    assert nearest.base_year == 2014
    assert any("nearest observed year 2014" in n for n in nearest.notes)
    assert assess(y, 3.0, 2030, base_year=2016, method="unsd2023").base_year == 2017  # 2017 is nearer
    assert assess(y, 3.0, 2030, base_year=2015, method="opensdg").base_year == 2017  # Open SDG: the next one


# --- ESCAP ------------------------------------------------------------------------------------

def test_escap_weighted_trend_known_answer():
    years, values = [2015, 2016, 2017], [10.0, 12.0, 12.0]
    assert list(time_weights(years)) == [1.0, 2.0, 3.0]
    intercept, slope = weighted_trend(years, values, time_weights(years))
    assert slope == pytest.approx(0.8)  # unweighted: 1.0
    assert anticipated_value(pd.Series(values, index=years), 2020, log_scale=False) == pytest.approx(14.6)


def test_escap_exponential_series_is_on_track():
    years = np.arange(2015, 2021)
    a = assess(pd.Series(100 * 1.05 ** (years - 2015), index=years), 200.0, 2030, method="escap")
    assert a.extrapolated_value == pytest.approx(100 * 1.05 ** 15)
    assert a.ratio == pytest.approx(1.05 ** 15 - 1)
    assert a.details["current_status_index"] == pytest.approx(1.05 ** 5 - 1)
    assert a.details["anticipated_gap"] == 0.0
    assert (a.category, a.label) == ("on_track", "maintain progress to achieve target")


@pytest.mark.parametrize("series, api, csi, category", [
    (ISSUE_CASE, 0.331, 0.1, "acceleration_needed"),
    (pd.Series([100.0, 90.0], index=[2015, 2020]), (72.9 - 100) / 50, -0.2, "deterioration"),
])
def test_escap_indices_and_categories(series, api, csi, category):
    a = assess(series, 200.0 if series.iloc[-1] > 100 else 150.0, 2030, method="escap")
    assert a.details == {"anticipated_progress_index": pytest.approx(api), "anticipated_gap": pytest.approx(1 - api),
                         "current_status_index": pytest.approx(csi)}
    assert a.category == category


def test_escap_log_scale_needs_positive_values():
    y = pd.Series([2.0, 0.0, 1.0], index=[2015, 2018, 2020])
    assert anticipated_value(y, 2030) == pytest.approx(anticipated_value(y, 2030, log_scale=False))
    with pytest.raises(SjzforecastError, match=r"log_scale needs positive values; \[2018\] are not"):
        anticipated_value(y, 2030, log_scale=True)


def test_escap_needs_a_target():
    a = assess(ISSUE_CASE, None, None, method="escap")
    assert a.category == "not_assessable" and a.reason_code == "needs_target"


# --- probability ------------------------------------------------------------------------------

@pytest.mark.parametrize("p, key", [
    (1.0, "very_likely"), (0.9, "very_likely"), (0.8999, "likely"), (0.66, "likely"),
    (0.6599, "about_as_likely_as_not"), (0.33, "about_as_likely_as_not"), (0.3299, "unlikely"),
    (0.10, "unlikely"), (0.0999, "very_unlikely"), (0.0, "very_unlikely"),
])
def test_verbal_probability_scale(p, key):
    assert verbal_probability(p) == key


@pytest.mark.parametrize("bad", [-0.1, 1.1, float("nan"), "0.5", True])
def test_verbal_probability_rejects_non_probabilities(bad):
    with pytest.raises(ValueError, match="probability must be a number in"):
        verbal_probability(bad)


def test_probability_from_given_paths_known_answer():
    y = pd.Series([2.0, 2.5], index=[2020, 2023])
    # 10 paths: 3 reach 3.0 in 2024 (two stay, one falls back), 5 more in 2025, 2 never
    at_2024 = [3.1, 3.2, 3.3] + [2.6] * 7
    at_2025 = [3.1, 3.2, 2.9] + [3.0] * 5 + [2.7, 2.8]
    paths = pd.DataFrame({2024: at_2024, 2025: at_2025})
    a = assess(y, 3.0, 2025, method="probability", paths=paths)
    assert a.probability == pytest.approx(0.7)
    assert a.verbal_probability == "likely"
    assert a.category == "on_track"
    assert dict(a.first_year_distribution) == pytest.approx({"2024": 0.3, "2025": 0.5, "not_reached": 0.2})


def test_probability_low_and_falling_is_deterioration():
    y = pd.Series([2.0, 2.5], index=[2020, 2023])
    paths = pd.DataFrame({2025: [2.0] * 9 + [3.5]})
    a = assess(y, 3.0, 2025, method="probability", paths=paths)
    assert a.probability == pytest.approx(0.1)
    assert a.category == "deterioration"
    rising = assess(y, 3.0, 2025, method="probability", paths=pd.DataFrame({2025: [2.8] * 9 + [3.5]}))
    assert rising.category == "limited_progress"


def test_probability_paths_without_the_target_year():
    with pytest.raises(ValueError, match="no column for target year 2025"):
        assess(pd.Series([2.0, 2.5], index=[2020, 2023]), 3.0, 2025, method="probability",
               paths=pd.DataFrame({2024: [1.0]}))


def test_probability_simulated_is_reproducible(observations):
    y = sjzforecast.select_series(observations, "石家庄", "rd_intensity").series
    first = assess(y, 3.0, 2025, method="probability", seed=1, n_paths=2000)
    again = assess(y, 3.0, 2025, method="probability", seed=1, n_paths=2000)
    assert first == again
    assert 0 < first.probability < 1
    assert sum(dict(first.first_year_distribution).values()) == pytest.approx(1.0)


# --- shared rules and bad input ---------------------------------------------------------------

def test_unknown_method():
    with pytest.raises(ValueError, match="No method named 'x'; known: "):
        assess(two_points(0.01), 200, 2030, method="x")
    with pytest.raises(SjzforecastError, match="did you mean 'unsd2023' or 'unsd2022'"):
        assess(two_points(0.01), 200, 2030, method="unsd2024")


@pytest.mark.parametrize("kwargs, match", [
    ({"target_year": 2010}, "before all data"),
    ({"direction": "up"}, "direction must be one of"),
    ({"target_year": None}, "needs a target year"),
])
def test_bad_input_errors(kwargs, match):
    arguments = {"target_value": 200, "target_year": 2030, **kwargs}
    with pytest.raises(ValueError, match=match):
        assess(two_points(0.01), **arguments)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_sparse_data_is_not_assessable_never_an_error(method):
    single = assess(pd.Series([2.0], index=[2023]), 3.0, 2025, method=method)
    assert single.category == "not_assessable"
    assert "at least two observations" in single.reason
    mixed = assess(pd.Series([-1.0, 2.0, 3.0], index=[2018, 2020, 2023]), 5.0, 2025, method=method)
    assert mixed.category == "not_assessable" and "both signs" in mixed.reason


def test_base_year_without_data_moves_to_the_next_observation():
    y = pd.Series([1.0, 1.1, 1.21], index=[2016, 2017, 2018])
    a = assess(y, 2.0, 2025, base_year=2015)
    assert a.base_year == 2016
    assert any("next observed year 2016" in n for n in a.notes)
    late = assess(y, 2.0, 2025, base_year=2018)
    assert late.category == "not_assessable" and "latest observation" in late.reason


def test_past_target_year_uses_the_data_up_to_it():
    # the previous plan: 2.5 % intensity in 2015, observed 1.83 %; later data must not count
    y = pd.Series([1.5, 1.83, 2.76], index=[2011, 2015, 2023])
    a = assess(y, 2.5, 2015, method="unsd2023")
    assert a.last_year == 2015 and a.category != "target_achieved"
    assert any("target year 2015 is past" in n for n in a.notes)


def test_opensdg_past_target_year_uses_the_latest_data_as_sdg_build():
    y = pd.Series([1.5, 1.83, 2.76], index=[2011, 2015, 2023])
    a = assess(y, 2.5, 2015, method="opensdg")
    assert (a.last_year, a.category) == (2023, "target_achieved")
    assert any("every observation, up to 2023" in n for n in a.notes)
    missed = assess(pd.Series([1.5, 1.83, 2.0], index=[2011, 2013, 2023]), 2.5, 2015, method="opensdg")
    assert missed.ratio == pytest.approx(((2.0 / 1.5) ** (1 / 12) - 1) / ((2.5 / 1.5) ** 0.25 - 1))


def test_assess_all_one_row_per_method():
    table = assess_all(two_points(0.03), 160.0, 2030, paths=pd.DataFrame({2030: [150.0, 170.0]}))
    assert list(table["method"]) == list(METHODS)
    assert dict(zip(table["method"], table["category"])) == {
        "opensdg": "acceleration_needed", "eurostat": "acceleration_needed", "unsd2022": "acceleration_needed",
        "unsd2023": "acceleration_needed", "escap": "acceleration_needed", "probability": "acceleration_needed"}
    assert list(METHODS) == ["opensdg", "eurostat", "unsd2022", "unsd2023", "escap", "probability"]
    with pytest.raises(ValueError, match="accepted by none"):
        assess_all(two_points(0.03), 160.0, 2030, colour="red")


def test_to_dict_is_flat():
    d = assess(two_points(0.03), 160.0, 2030).to_dict()
    assert d["method"] == "opensdg" and d["category"] == "acceleration_needed"
    assert isinstance(d["first_year_distribution"], dict) and isinstance(d["notes"], str)


# --- target semantics -------------------------------------------------------------------------

def growth_row(rate=12.0):
    return {"target_id": "rd_expenditure_growth", "target_kind": "growth_rate", "base_year": 2020,
            "base_value": 3.4, "target_year": 2025, "target_value": rate, "direction": "increase"}


def test_growth_rate_target_is_judged_on_growth_from_the_base_observation():
    on_pace = pd.Series([100.0, 100 * 1.12 ** 3], index=[2020, 2023])
    assert target_level(growth_row(), on_pace) == pytest.approx(100 * 1.12 ** 5)
    a = assess_target(growth_row(), on_pace)
    assert a.required_growth == pytest.approx(0.12)
    assert a.ratio == pytest.approx(1.0) and a.category == "on_track"
    slower = assess_target(growth_row(), pd.Series([100.0, 100 * 1.10 ** 3], index=[2020, 2023]))
    assert slower.ratio == pytest.approx(0.10 / 0.12) and slower.category == "acceleration_needed"
    assert any("12 % a year from 2020" in n for n in slower.notes)


def test_growth_rate_target_bad_input():
    with pytest.raises(ValueError, match="no(ne)? .*2020"):
        target_level(growth_row(), pd.Series([1.0, 2.0], index=[2021, 2023]))
    with pytest.raises(ValueError, match="above -100 %"):
        target_level(growth_row(-120.0), pd.Series([1.0, 2.0], index=[2020, 2023]))


def test_level_and_cumulative_targets(targets):
    rows = targets.set_index("target_id")
    assert target_level(rows.loc["rd_intensity"]) == 3.0
    assert target_level(rows.loc["hightech_enterprises"]) == 4000.0
    assert target_level(rows.loc["innovation_teams_and_leaders"]) == 240.0


# --- source conflicts -------------------------------------------------------------------------

def test_variants_of_shijiazhuang_intensity_change_the_category(observations, targets):
    sel = sjzforecast.select_series(observations, "石家庄", "rd_intensity")
    row = targets.set_index("target_id").loc["rd_intensity"]
    comparison = assess_variants(sel, 3.0, int(row["target_year"]), base_year=int(row["base_year"]),
                                 seed=3, n_paths=2000)
    table = comparison.table.set_index(["variant", "method"])
    # 2020-2023 CAGR 9.0 % (2.76) or 5.8 % (2.52) against 7.1 % required: R = 1.27 or 0.81
    assert table.loc[("main", "opensdg"), "category"] == "on_track"
    assert table.loc[("2023=2.52", "opensdg"), "ratio"] == pytest.approx(((2.52 / 2.13) ** (1 / 3) - 1)
                                                                          / ((3 / 2.13) ** 0.2 - 1))
    assert table.loc[("2023=2.52", "opensdg"), "category"] == "acceleration_needed"
    assert comparison.category_changes["opensdg"] is True
    assert comparison.probability_spread > 0.1
    summary = comparison.summary().set_index("method")
    assert summary.loc["opensdg", "categories"] == {"main": "on_track", "2023=2.52": "acceleration_needed"}


def test_variants_need_a_selection_or_dict():
    with pytest.raises(TypeError, match="SeriesSelection"):
        assess_variants([1, 2], 3.0, 2025)


def test_a_target_met_early_is_achieved_with_the_chance_that_it_holds():
    series = pd.Series([90.0, 104.0, 101.0], index=[2020, 2022, 2024])  # above 100 already, and wobbling
    paths = pd.DataFrame({2025: [99.0, 100.0, 105.0, 110.0]})
    a = assess(series, 100.0, 2025, method="probability", paths=paths)
    assert a.category == "target_achieved" and a.probability == 0.75
    observed = assess(pd.Series([90.0, 104.0], index=[2020, 2025]), 100.0, 2025, method="probability")
    assert observed.category == "target_achieved" and observed.probability == 1.0


# --- translatable reasons ---------------------------------------------------------------------

REASON_CASES = [
    (ISSUE_CASE, 200.0, 2030, {}), (ISSUE_CASE, 105.0, 2030, {}), (ISSUE_CASE, None, None, {}),
    (pd.Series([2.0], index=[2023]), 3.0, 2025, {}), (pd.Series([-1.0, 2.0], index=[2018, 2020]), 3.0, 2025, {}),
    (pd.Series([0.0, 2.0], index=[2018, 2020]), 3.0, 2025, {}),
    (pd.Series([1.0, 2.0], index=[2018, 2020]), -3.0, 2025, {}),
    (pd.Series([90.0, 99.5], index=[2015, 2020]), 100.0, 2030, {}),
    (pd.Series([1.0, 1.1, 1.2], index=[2016, 2017, 2018]), 2.0, 2025, {"base_year": 2018}),
]


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("series, target, year, kwargs", REASON_CASES)
def test_every_assessment_has_a_translatable_reason(method, series, target, year, kwargs):
    if method == "probability":
        if target is None:
            return
        kwargs = {**kwargs, "paths": pd.DataFrame({year: [target * 0.9, target * 1.1]})}
    a = assess(series, target, year, method=method, **kwargs)
    assert a.reason_code in REASONS
    assert a.reason == format_reason(a, "en")
    chinese = format_reason(a, "zh", unit="%")
    assert chinese and not re.search(r"\d\.\d{4}", chinese + a.reason)  # no raw floats
    assert all(isinstance(v, (int, float, np.integer, np.floating)) for v in a.reason_values.values())


def test_format_reason_known_texts():
    a = assess(ISSUE_CASE, 200.0, 2030, method="unsd2022")
    assert format_reason(a, "en") == "growth 1.9\u00a0%/yr against 4.7\u00a0%/yr required: ratio 0.41"
    assert format_reason(a, "zh") == "实际增速 1.9\u00a0%/\u2060年，所需增速 4.7\u00a0%/\u2060年，比值 0.41"
    row = assess_all(ISSUE_CASE, 200.0, 2030, methods=("unsd2022",)).iloc[0]
    assert format_reason(a.to_dict(), "zh") == format_reason(row, "zh") == format_reason(a, "zh")
    met = {"last_value": 4120.0, "last_year": 2024, "target_value": 4000.0}
    assert render_reason("target_met", met, "en", "enterprises") == (
        "latest value 4,120\u00a0enterprises (2024) meets the target 4,000\u00a0enterprises")
    assert render_reason("target_met", {**met, "last_value": 3.04, "target_value": 3.0}, "zh", "%") == (
        "最新值 3.04\u00a0%（2024年）已达到目标 3.00\u00a0%")
    escap = format_reason(assess(ISSUE_CASE, 200.0, 2030, method="escap"), "en")
    assert escap == ("weighted trend reaches 133 in 2030 against the target 200: anticipated progress index 0.33, "
                     "current status index 0.10")


def test_format_value_never_shows_a_raw_float():
    assert render_reason("extrapolated", {"target_year": 2030, "extrapolated_value": float("inf"),
                                          "target_value": 1234.5678, "ratio": float("-inf")}, "en", "亿元") == (
        "at the current pace ∞ in 2030 against the target 1,235\u00a0亿元: CR -∞")
    assert render_reason("growth_no_target", {"growth": -0.0123}, "zh") == "期望方向上的增速为 -1.2\u00a0%/\u2060年"
    assert render_reason("target_met", {"last_value": 0.0004567, "last_year": 2024, "target_value": 0.0}, "en") == (
        "latest value 0.000457 (2024) meets the target 0")


def test_reasons_show_levels_with_the_page_precision_and_counts_with_separators():
    met = {"last_value": 200.8, "last_year": 2023, "target_value": 200.0}
    assert render_reason("target_met", met, "en", "亿元", decimals=1) == (
        "latest value 200.8\u00a0亿元 (2023) meets the target 200.0\u00a0亿元")  # as the page shows them, not 201
    assert render_reason("probability", {"target_year": 2025, "probability": 0.43, "count": 10000}, "zh") == (
        "2025年达标概率 43\u00a0%（10,000 条模拟路径）")


def test_format_reason_bad_input():
    a = assess(ISSUE_CASE, 200.0, 2030)
    with pytest.raises(SjzforecastError, match="language must be one of.*did you mean 'en'"):
        format_reason(a, "eng")
    with pytest.raises(SjzforecastError, match="no reason code 'target_mett'.*did you mean 'target_met'"):
        render_reason("target_mett", {}, "en")
    with pytest.raises(SjzforecastError, match=r"needs the values \['last_value', 'last_year', 'target_value'\]"):
        render_reason("target_met", {}, "en")


# --- a latest value published as a lower bound ----------------------------------------------------

BOUNDED = pd.Series([9000.0, 12000.0, 15000.0], index=[2020, 2022, 2024])  # 2024: "超过1.5万家"
EXACT_METHODS = [m for m in METHODS if m != "probability"]


def grades(target_value, bounds=(2024,), direction="increase", series=BOUNDED):
    frame = assess_all(series, target_value, 2025, base_year=2020, direction=direction, methods=EXACT_METHODS,
                       lower_bound_years=bounds)
    return dict(zip(frame["method"], frame["category"])), dict(zip(frame["method"], frame["reason_code"]))


def test_a_lower_bound_that_reaches_the_target_keeps_every_methods_grade():
    """Over 15,000 against 15,000 or 14,000: a larger true value meets the target too; every grade stands."""
    for target in (15000.0, 14000.0):
        assert grades(target)[0] == grades(target, bounds=())[0]
        assert grades(target)[0]["opensdg"] == "target_achieved"


def test_a_lower_bound_short_of_the_target_leaves_the_grade_unknown_unless_the_top_grade_is_reached():
    """Over 15,000 against 16,000: the true value may meet the target (target achieved) or not, so Open SDG and
    UNSD cannot tell; Eurostat's ratio (1.07) and ESCAP's trend (19,272 in 2025) already reach their top grade,
    which a larger value keeps.  Against 30,000 those fall short too."""
    exact, _ = grades(16000.0, bounds=())
    assert set(exact.values()) == {"on_track"}
    categories, codes = grades(16000.0)
    assert categories == {"opensdg": "not_assessable", "eurostat": "on_track", "unsd2022": "not_assessable",
                          "unsd2023": "not_assessable", "escap": "on_track"}
    assert {codes[m] for m in ("opensdg", "unsd2022", "unsd2023")} == {"lower_bound_latest"}
    far, far_codes = grades(30000.0)
    assert set(far.values()) == {"not_assessable"} and set(far_codes.values()) == {"lower_bound_latest"}
    assert set(grades(30000.0, bounds=())[0].values()) != {"not_assessable"}
    assert grades(16000.0, bounds=(2022,))[0] == exact  # only the latest value's bound matters


def test_without_a_target_a_lower_bound_keeps_only_the_top_growth_grade():
    """Growth of 13.6 %/yr at the bound is on track by every growth threshold, and stays so; 0.5 %/yr is not."""
    categories, _ = grades(None)
    assert categories == {m: "on_track" for m in EXACT_METHODS if m != "escap"} | {"escap": "not_assessable"}
    slow = pd.Series([100.0, 100.5, 101.0], index=[2020, 2022, 2024])
    slow_categories, codes = grades(None, series=slow)
    assert {m: codes[m] for m in slow_categories if m != "escap"} == {
        m: "lower_bound_latest" for m in EXACT_METHODS if m != "escap"}
    assert "not_assessable" not in {c for m, c in grades(None, bounds=(), series=slow)[0].items() if m != "escap"}


def test_against_a_decrease_target_a_lower_bound_never_settles_a_grade():
    """A larger true value is worse for a decrease target, so no grade at the bound is safe."""
    for target in (16000.0, 14000.0):
        categories, codes = grades(target, direction="decrease")
        assert set(categories.values()) == {"not_assessable"} and set(codes.values()) == {"lower_bound_latest"}


def test_the_lower_bound_reason_reads_in_both_languages_with_the_bound_as_the_tables_show_it():
    a = assess(BOUNDED, 16000.0, 2025, base_year=2020, method="unsd2022", lower_bound_years=(2024,))
    assert format_reason(a, "en", "家", lower_bound_years=(2024,)) == (
        "the 2024 observation is a lower bound (over\u00a015,000\u00a0家) short of this method's top grade: the true "
        "value, larger, could grade otherwise, so the grade is not known")
    assert format_reason(a, "zh", "家", lower_bound_years=(2024,)) == (
        "2024年观测值仅为下限（超过\u00a015,000\u00a0家），未达到该方法的最高等级；实际值更大，等级可能不同，故无法评估")


def test_each_variant_reads_the_lower_bounds_it_holds(observations):
    """河北's 2024 "超过1.5万家" beside an exact 15,500 from another source: the exact value is used, so the main
    series is judged as it is, and the variant taking the other reading as over 15,000 (Open SDG cannot tell
    against 16,000).  A variant that keeps a used lower bound keeps it."""
    from sjzforecast.series import series_variants, variant_lower_bounds

    hebei = observations[(observations["region"] == "河北") & (observations["indicator"] == "hightech_enterprises")]
    other = hebei[hebei["year"] == 2024].assign(value=15500.0, derived="", source_url="https://example.cn/x")
    both = pd.concat([hebei, other], ignore_index=True)
    selection = sjzforecast.select_series(both, "河北", "hightech_enterprises")
    assert selection.lower_bound_years == () and [c.year for c in selection.conflicts] == [2024]
    variants = series_variants(selection)
    assert {name: variant_lower_bounds(selection, series) for name, series in variants.items()} == {
        "main": (), "2024=15000": (2024,)}
    table = assess_variants(selection, 16000.0, 2025, methods=("opensdg",)).table.set_index("variant")
    assert table.loc["main", "category"] != "not_assessable"
    assert table.loc["2024=15000", "reason_code"] == "lower_bound_latest"
    bounded = sjzforecast.select_series(observations, "河北", "hightech_enterprises")
    assert variant_lower_bounds(bounded, bounded.series) == (2024,)
