"""``auto`` on a long series: the candidate whose rolling-origin forecasts erred less (sjzforecast.models.auto)."""
import numpy as np
import pytest

from sjzforecast.briefing import auto_rule_text
from sjzforecast.models import resolve_model
from sjzforecast.models.auto import LONG_COMBINE, LONG_POOL, SELECTION_HORIZON, SELECTION_ORIGINS
from sjzforecast.models.combination import Combination
from sjzforecast.models.rolling import origin_forecasts

YEARS = np.arange(1981, 2011)


def compound_growth() -> np.ndarray:
    """30 years of steady 6 % growth with small shocks: the shape of GDP or R&D spending."""
    shocks = np.random.default_rng(3).normal(0, 0.015, 30)
    return 1000 * np.exp(np.cumsum(0.06 + shocks))


def level_with_shifts() -> np.ndarray:
    """30 years around a level that shifts now and then, with no trend: naive and the pool's medians follow it."""
    rng = np.random.default_rng(5)
    level = 500 + np.cumsum(np.where(rng.random(30) < 0.2, rng.normal(0, 60, 30), 0.0))
    return level + rng.normal(0, 8, 30)


@pytest.mark.parametrize("values, expected", [(compound_growth(), "combination"), (level_with_shifts(), "pool")])
def test_auto_runs_the_candidate_whose_rolling_origin_forecasts_erred_less(values, expected):
    auto = resolve_model("auto", YEARS, values).fit(YEARS, values)
    glance = auto.glance()
    assert glance["auto_rule"] == "long" and glance["long_candidate"] == expected
    candidates = {"pool": lambda: Combination(members=LONG_POOL, combine=LONG_COMBINE), "combination": Combination}
    errors = {name: origin_forecasts(make, YEARS, values, SELECTION_ORIGINS).mean_absolute_error(SELECTION_HORIZON)
              for name, make in candidates.items()}
    assert glance["selection_errors"] == pytest.approx(errors)
    assert min(errors, key=errors.get) == expected
    chosen = candidates[expected]().fit(YEARS, values)
    np.testing.assert_allclose(np.median(auto.simulate(6, n_paths=400), axis=0),
                               np.median(chosen.simulate(6, n_paths=400), axis=0))


def test_the_methods_note_says_which_candidate_won_and_by_how_much():
    values = compound_growth()
    glance = resolve_model("auto", YEARS, values).fit(YEARS, values).glance()
    errors = glance["selection_errors"]
    pct = f"{100 * (1 - errors['combination'] / errors['pool']):.0f}"
    en, zh = auto_rule_text(glance, "en"), auto_rule_text(glance, "zh")
    assert (f"the equal-weight combination of random walk with drift, damped trend, Theta method forecast this "
            f"series from its last {SELECTION_ORIGINS} rolling origins, 1–{SELECTION_HORIZON} years ahead, with a "
            f"mean absolute error {pct} % lower than the median, quantile by quantile, of random walk") in en
    assert "的等权组合的平均绝对误差比随机游走" in zh and f"各分位数的中位数低 {pct}%，故采用前者" in zh
    assert int(pct) > 0


def test_rolling_origin_forecasts_cover_every_later_observation_of_each_origin():
    values = compound_growth()
    f = origin_forecasts(Combination, YEARS, values, origins=6)
    assert len(f.actual) == 6 + 5 + 4 + 3 + 2 + 1
    assert set(f.back) == set(range(1, 7)) and f.step.max() == 6
    np.testing.assert_array_equal(f.actual[f.back == 1], values[-1:])
    near = f.step <= 2
    assert f.mean_absolute_error(2) == pytest.approx(np.mean(np.abs(f.actual[near] - f.median[near])))
    assert len(f.standardized_errors(4)) == 4 + 3 + 2 + 1


def test_a_near_tie_between_the_candidates_is_worded_as_one():
    """Errors within 1 % of each other would read "0 % lower"; the note says they were about equal."""
    values = np.sin(np.arange(25)) * 5 - 1
    years = np.arange(2000, 2025)
    glance = resolve_model("auto", years, values, transform="none").fit(years, values).glance()
    errors = glance["selection_errors"]
    assert abs(1 - errors["pool"] / errors["combination"]) < 0.01
    en, zh = auto_rule_text(glance, "en"), auto_rule_text(glance, "zh")
    assert "within 1 % of each other" in en and "% lower" not in en
    assert "相差不到 1%" in zh and "低 0%" not in zh
