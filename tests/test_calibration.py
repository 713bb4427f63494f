"""Intervals checked against a series' own rolling-origin errors (sjzforecast.models.calibration)."""
import numpy as np
import pytest

from sjzforecast.models import resolve_model
from sjzforecast.models.auto import LONG_COMBINE, LONG_POOL
from sjzforecast.briefing import auto_rule_text
from sjzforecast.models.calibration import (CALIBRATION_ORIGINS, PRIOR_WEIGHT, interval_scale, scale_paths,
                                            standardized_errors)
from sjzforecast.models.combination import Combination


def test_interval_scale_is_the_rms_shrunk_toward_one_both_ways():
    assert interval_scale([]) == 1.0
    assert interval_scale(np.ones(7)) == 1.0
    # errors well inside the intervals narrow them, but the prior keeps the factor from collapsing
    assert interval_scale(np.zeros(10)) == pytest.approx(np.sqrt(PRIOR_WEIGHT / (10 + PRIOR_WEIGHT)))
    assert interval_scale(np.zeros(10), prior_weight=20) == pytest.approx(0.816, abs=1e-3)
    assert interval_scale(np.full(10, 3.0), prior_weight=10) == pytest.approx(np.sqrt((90 + 10) / 20))
    assert interval_scale(np.full(10, 3.0), prior_weight=0) == pytest.approx(3.0)


@pytest.mark.parametrize("scale", [1.5, 0.8])
def test_scale_paths_keeps_the_median_and_moves_every_quantile_by_the_factor(scale):
    paths = np.random.default_rng(0).normal(10.0, 2.0, size=(4001, 3))
    scaled = scale_paths(paths, scale)
    np.testing.assert_allclose(np.median(scaled, axis=0), np.median(paths, axis=0))
    q, qs = np.percentile(paths, [10, 90], axis=0), np.percentile(scaled, [10, 90], axis=0)
    np.testing.assert_allclose(qs - np.median(scaled, axis=0), scale * (q - np.median(paths, axis=0)))
    assert scale_paths(paths, 1.0) is paths


def test_standardized_errors_are_the_later_observations_over_the_spread():
    years = np.arange(2000, 2020)
    values = 100 + 2.0 * np.arange(20) + np.random.default_rng(1).normal(0, 1, 20)
    u = standardized_errors(lambda: Combination(members=LONG_POOL, combine=LONG_COMBINE), years, values)
    assert len(u) == CALIBRATION_ORIGINS * (CALIBRATION_ORIGINS + 1) // 2  # 4 + 3 + 2 + 1 later observations
    assert np.all(np.isfinite(u))


def long_series(jump: float) -> tuple[np.ndarray, np.ndarray]:
    years = np.arange(1995, 2025)
    values = 100 * 1.04 ** np.arange(30) * (1 + 0.01 * np.sin(np.arange(30)))
    values[-3:] *= jump  # a break in the last years that the model's one-step errors did not see
    return years, values


def test_auto_widens_its_intervals_when_its_recent_rolling_errors_say_they_are_too_narrow():
    years, values = long_series(jump=1.4)
    auto = resolve_model("auto", years, values).fit(years, values)
    pool = Combination(members=LONG_POOL, combine=LONG_COMBINE).fit(years, values)
    glance = auto.glance()
    assert glance["long_candidate"] == "pool"
    assert glance["interval_scale"] > 1.2 and glance["calibration_errors"] == 10
    assert "intervals scaled by" in glance["auto_reason"]
    assert "widened to" in auto_rule_text(glance, "en") and "放宽为" in auto_rule_text(glance, "zh")
    a, p = auto.predict(4, n_paths=4000), pool.predict(4, n_paths=4000)
    np.testing.assert_allclose(a["mean"], p["mean"])
    np.testing.assert_allclose(a["hi-95"] - a["mean"], glance["interval_scale"] * (p["hi-95"] - p["mean"]), rtol=1e-9)


def test_auto_narrows_its_intervals_when_its_recent_errors_fall_well_inside_them():
    years = np.arange(1995, 2025)
    values = 100 + 10 * np.where(np.arange(30) % 2 == 0, 1.0, -1.0)  # a noisy level without trend ...
    values[-5:] = 100.0  # ... that has settled: the recent forecasts err less than the intervals allow
    auto = resolve_model("auto", years, values).fit(years, values)
    assert auto.glance()["long_candidate"] == "combination"
    chosen = Combination().fit(years, values)
    scale = auto.glance()["interval_scale"]
    assert 0.8 < scale < 0.9
    a, p = auto.simulate(3, n_paths=500, seed=4), chosen.simulate(3, n_paths=500, seed=4)
    median = np.median(p, axis=0)
    np.testing.assert_allclose(a, median + scale * (p - median))
    assert "narrowed to 0.8" in auto_rule_text(auto.glance(), "en")
    assert "收窄为模型区间的 0.8" in auto_rule_text(auto.glance(), "zh")


def test_short_series_are_not_calibrated():
    years, values = np.arange(2012, 2024), np.linspace(1.0, 2.0, 12)
    assert "interval_scale" not in resolve_model("auto", years, values).fit(years, values).glance()


def test_uneven_years_are_checked_at_the_years_observed():
    """Origins before a gap forecast the observed years after it (2 and 4 years ahead, not 1 and 2)."""
    years = np.r_[np.arange(1990, 2010), np.arange(2011, 2023, 2)]
    values = 50 * 1.05 ** (years - 1990) * (1 + 0.03 * np.sin(years))
    glance = resolve_model("auto", years, values).fit(years, values).glance()
    assert glance["calibration_errors"] == 10 and glance["interval_scale"] > 0
    pool = lambda: Combination(members=LONG_POOL, combine=LONG_COMBINE)  # noqa: E731
    u = standardized_errors(pool, years, values)
    last = pool().fit(years[:-1], values[:-1])
    low, median, high = np.percentile(last.simulate(2, n_paths=200, seed=0)[:, 1], [2.5, 50, 97.5])
    assert u[-1] == pytest.approx((values[-1] - median) / ((high - low) / (2 * 1.959964)))


def test_series_shorter_than_twenty_points_keep_the_short_series_combination():
    """The provincial R&D series have 14 points from 2024: the long pool under-forecast them (bench/long_pool_panel.py)."""
    years = np.arange(2011, 2025)
    values = 200 * 1.12 ** np.arange(14)
    glance = resolve_model("auto", years, values).fit(years, values).glance()
    assert glance["auto_rule"] == "short" and glance["auto_choice"] == "combination"
    years = np.arange(2005, 2025)
    assert resolve_model("auto", years, 200 * 1.12 ** np.arange(20)).fit(years, 200 * 1.12 ** np.arange(20)).glance()[
        "auto_rule"] == "long"
