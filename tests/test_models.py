import logging

import numpy as np
import pandas as pd
import pytest

import sjzforecast
from sjzforecast.models import MODELS, get_model, resolve_model
from sjzforecast.transforms import choose_transform

ALL = sorted(MODELS)


@pytest.fixture(scope="module")
def noisy():
    """13 consecutive years of noisy 8 % growth: every registered model can fit it."""
    rng = np.random.default_rng(1)
    years = np.arange(2011, 2024)
    values = 100 * np.exp(0.08 * (years - 2011) + rng.normal(0, 0.03, len(years)))
    return pd.Series(values, index=years, name="noisy")


@pytest.mark.parametrize("name", ALL)
def test_contract(noisy, name):
    years, values = noisy.index.to_numpy(), noisy.to_numpy()
    model = get_model(name)().fit(years, values)
    fc = model.predict(3, levels=(95, 50, 80), n_paths=2000, seed=4)
    assert list(fc.index) == [2024, 2025, 2026]
    assert list(fc.columns) == ["mean", "lo-50", "hi-50", "lo-80", "hi-80", "lo-95", "hi-95"]
    assert np.isfinite(fc.to_numpy()).all()
    assert (fc["lo-95"] <= fc["lo-80"]).all() and (fc["lo-80"] <= fc["lo-50"]).all()
    assert (fc["lo-50"] <= fc["mean"]).all() and (fc["mean"] <= fc["hi-50"]).all()
    assert (fc["hi-50"] <= fc["hi-80"]).all() and (fc["hi-80"] <= fc["hi-95"]).all()
    assert (fc["hi-95"] > fc["lo-95"]).all()
    one_shot = sjzforecast.forecast(noisy, h=3, model=name, levels=(50, 80, 95), n_paths=2000, seed=4)
    pd.testing.assert_frame_equal(fc, one_shot)
    paths = model.simulate(2, n_paths=50, seed=7)
    assert paths.shape == (50, 2)
    np.testing.assert_array_equal(paths, model.simulate(2, n_paths=50, seed=7))
    assert not np.array_equal(paths, model.simulate(2, n_paths=50, seed=8))
    glance = model.glance()
    assert glance["model"] == name and glance["ran"] in MODELS and glance["n_obs"] == 13
    assert list(model.tidy().columns) == ["term", "estimate", "std_error"]
    assert len(model.tidy()) >= 1


@pytest.mark.parametrize("name", ALL)
def test_short_uneven_series_fits_or_says_why(name):
    years, values = np.array([2015, 2018, 2020, 2023]), np.array([1.1, 1.4, 1.5, 1.9])
    cls = get_model(name)
    if cls.needs_regular_spacing or cls.min_points > 4:
        with pytest.raises(ValueError, match="needs"):
            cls().fit(years, values)
    else:
        fc = cls().fit(years, values).predict(2, n_paths=500)
        assert np.isfinite(fc.to_numpy()).all()


def test_unfitted_model_says_so():
    with pytest.raises(RuntimeError, match="not fitted"):
        get_model("drift")().simulate(1)


# -- known answers ------------------------------------------------------------------------

def test_loglinear_and_drift_recover_a_cagr(cagr_series):
    years, values = cagr_series.index, cagr_series.to_numpy()
    assert get_model("loglinear")().fit(years, values).glance()["cagr"] == pytest.approx(0.10, abs=1e-9)
    assert np.expm1(get_model("drift")().fit(years, values).glance()["drift"]) == pytest.approx(0.10, abs=1e-9)


GROWTH_CURVES = {
    "drift": lambda t: 3.0 * 1.07 ** (t - 2011),
    "loglinear": lambda t: 3.0 * 1.07 ** (t - 2011),
    "linear": lambda t: 3.0 + 0.2 * (t - 2011),
    "logistic": lambda t: 100 / (1 + np.exp(-0.3 * (t - 2015))),
}


@pytest.mark.parametrize("name", sorted(GROWTH_CURVES))
def test_uneven_years_give_the_growth_of_the_regular_series(name):
    regular = np.arange(2011, 2024)
    uneven = np.array([2011, 2012, 2015, 2016, 2019, 2023])
    curve = GROWTH_CURVES[name]
    options = {"sigma_prior": 1e-9, **({"ceiling": 100} if name == "logistic" else {})}  # no noise
    a = get_model(name)(**options).fit(regular, curve(regular)).predict(3, n_paths=100)
    b = get_model(name)(**options).fit(uneven, curve(uneven)).predict(3, n_paths=100)
    np.testing.assert_allclose(a["mean"], b["mean"], rtol=1e-6)
    np.testing.assert_allclose(a["mean"], curve(np.array([2024, 2025, 2026])), rtol=1e-6)


def test_theta_extrapolates_half_the_trend():
    years = np.arange(2010, 2020)
    model = get_model("theta")(transform="none", sigma_prior=1e-9).fit(years, 2.0 * years)
    np.testing.assert_allclose(model.predict(2, n_paths=2000)["mean"], 2.0 * 2019 + np.array([1, 2]), rtol=1e-3)


def test_logistic_recovers_its_ceiling():
    years = np.arange(2000, 2021)
    rng = np.random.default_rng(0)
    values = 5.0 / (1 + np.exp(-0.35 * (years - 2008))) * np.exp(rng.normal(0, 0.002, len(years)))
    model = get_model("logistic")().fit(years, values)
    assert model.glance()["ran"] == "logistic"
    assert model.glance()["ceiling"] == pytest.approx(5.0, rel=0.02)
    assert model.simulate(10, n_paths=1000).max() < model.glance()["ceiling"]


def test_logistic_with_stated_ceiling_stays_below_it():
    years, values = np.array([2015, 2017, 2020, 2023]), np.array([40.0, 55.0, 70.0, 82.0])
    paths = get_model("logistic")(ceiling=100).fit(years, values).simulate(15, n_paths=2000)
    assert paths.max() < 100 and paths.min() > 0


def test_logit_transform_keeps_drift_paths_in_bounds():
    y = pd.Series([91.0, 94.0, 97.0, 98.5], index=[2018, 2019, 2021, 2023])
    paths = sjzforecast.simulate_paths(y, 10, model="drift", transform="logit", ceiling=100, n_paths=2000)
    assert paths.to_numpy().max() < 100
    assert sjzforecast.fit_model(y, "drift", transform="logit", ceiling=100).glance()["transform"] == "logit"


def test_transform_round_trip():
    y = np.array([0.5, 2.0, 99.0])
    for name, ceiling in (("log", None), ("logit", 100.0), ("none", None)):
        tr = choose_transform(name, y, ceiling)
        np.testing.assert_allclose(tr.inverse(tr.forward(y)), y)


# -- fallbacks and skipping ---------------------------------------------------------------

def test_logistic_without_saturation_falls_back_and_says_so(cagr_series):
    model = get_model("logistic")().fit(cagr_series.index, cagr_series.to_numpy())
    glance = model.glance()
    assert glance["model"] == "logistic" and glance["ran"] == "loglinear"
    assert "ceiling not identified" in glance["fallback_reason"]
    assert np.isfinite(model.predict(2).to_numpy()).all()
    assert "slope" in set(model.tidy()["term"])


def test_combination_skips_members_with_a_logged_reason(caplog):
    with caplog.at_level(logging.INFO, logger="sjzforecast"):
        model = get_model("combination")(members=("drift", "damped", "ets")).fit([2019, 2020, 2022], [1.0, 1.2, 1.5])
    assert model.glance()["members"] == ["drift"]
    assert set(model.glance()["skipped"]) == {"damped", "ets"}
    assert "needs at least 4 points" in caplog.text


@pytest.mark.parametrize("n, expected, members", [(2, "drift", None), (3, "combination", 2), (13, "combination", 3),
                                                  (19, "combination", 3), (20, "combination", 3), (60, "combination", 3)])
def test_auto_works_from_2_to_60_points_and_says_why(n, expected, members):
    years = np.arange(2024 - n, 2024)
    values = 10 * 1.05 ** np.arange(n) * (1 + 0.01 * np.sin(np.arange(n)))
    model = resolve_model("auto", years, values).fit(years, values)
    glance = model.glance()
    assert glance["model"] == "auto" and glance["ran"] == glance["auto_choice"] == expected
    assert f"{n} points" in glance["auto_reason"]
    if members:
        assert len(glance["members"]) == members
    assert np.isfinite(model.predict(3, n_paths=1000).to_numpy()).all()


def test_auto_on_a_long_series_keeps_a_stated_scale():
    years = np.arange(2000, 2020)
    values = np.linspace(10.0, 40.0, 20) + np.sin(np.arange(20))
    both = resolve_model("auto", years, values).fit(years, values).glance()
    assert both["members"] == ["naive", "robust_drift (none)", "damped (log)", "dotm (none)"]
    assert both["combine"] == "median" and both["transform"] == "log/none"
    logit = resolve_model("auto", years, values, ceiling=100).fit(years, values).glance()
    assert logit["transform"] == "logit" and logit["members"] == ["naive", "robust_drift", "damped", "dotm"]


def test_robust_drift_is_the_median_yearly_change_and_ignores_one_jump():
    years = np.arange(2010, 2020)
    values = 100.0 + 2.0 * np.arange(10)
    values[5:] += 30.0  # one jump of 30 between 2014 and 2015
    robust = get_model("robust_drift")(transform="none").fit(years, values)
    plain = get_model("drift")(transform="none").fit(years, values)
    assert robust.glance()["drift"] == pytest.approx(2.0)
    assert plain.glance()["drift"] == pytest.approx((values[-1] - values[0]) / 9)


def test_weighted_median_weights_uneven_gaps_by_their_length():
    from sjzforecast.models.random_walk import weighted_median
    assert weighted_median([3.0, 1.0, 2.0], [1, 1, 1]) == 2.0
    assert weighted_median([1.0, 2.0, 3.0, 4.0], [1, 1, 1, 1]) == np.median([1.0, 2.0, 3.0, 4.0])
    assert weighted_median([1.0, 10.0], [3, 1]) == 1.0  # a 3-year gap outweighs a 1-year gap
    # uneven years: the 2-year gap's slope (0.5/yr) counts twice
    model = get_model("robust_drift")(transform="none").fit([2010, 2011, 2013, 2014], [0.0, 2.0, 3.0, 5.0])
    assert model.glance()["drift"] == pytest.approx(weighted_median([2.0, 0.5, 2.0], [1, 2, 1]))


def test_arima_matches_statsmodels_autoreg_on_the_differences():
    from statsmodels.tsa.ar_model import AutoReg
    rng = np.random.default_rng(3)
    z = np.cumsum(0.05 + 0.5 * np.r_[0.0, np.diff(rng.normal(0, 0.02, 30))] + rng.normal(0, 0.02, 30))
    model = get_model("arima")(transform="none").fit(np.arange(1990, 2020), z)
    p = model.order_
    expected = AutoReg(np.diff(z), lags=p, trend="c").fit().params
    np.testing.assert_allclose(model.beta_, expected, rtol=1e-8)


def test_dotm_extrapolates_a_straight_line_and_its_slope_is_the_least_squares_slope():
    from sjzforecast.models.theta import dotm_filter
    years = np.arange(2000, 2015)
    model = get_model("dotm")(transform="none", sigma_prior=1e-9).fit(years, 3.0 * years)
    assert model.params_["trend_weight"] == 1.0
    np.testing.assert_allclose(model.predict(2, n_paths=2000)["mean"], 3.0 * np.array([2015, 2016]), rtol=1e-4)
    z = np.random.default_rng(2).normal(size=12).cumsum()
    slope = dotm_filter(z, np.array([0.5]), np.array([0.5]))[3][0]
    assert slope == pytest.approx(np.polyfit(np.arange(12), z, 1)[0])


def test_member_of_label_inverts_member_label():
    from sjzforecast.models.combination import member_label, member_of_label
    assert [member_of_label(member_label(m)) for m in ("theta", ("drift", "none"))] == [("theta", None), ("drift", "none")]


def test_combination_members_may_name_their_scale():
    years, values = np.arange(2010, 2020), np.linspace(5.0, 9.0, 10)
    model = get_model("combination")(members=(("drift", "log"), ("drift", "none"))).fit(years, values)
    assert model.glance()["members"] == ["drift (log)", "drift (none)"]
    assert model.glance()["transform"] == "log/none"
    assert "drift (none):combination_weight" in set(model.tidy()["term"])


def test_combine_quantiles_averages_bounds_and_keeps_the_first_members_ranks():
    from sjzforecast.models.combination import combine_quantiles
    first = np.array([[3.0, 10.0], [1.0, 30.0], [2.0, 20.0]])
    second = np.array([[5.0, 0.0], [7.0, 0.0], [6.0, 0.0]])
    np.testing.assert_array_equal(combine_quantiles([first, second]), [[5.0, 5.0], [3.0, 15.0], [4.0, 10.0]])


def test_combine_quantiles_median_ignores_a_runaway_member():
    from sjzforecast.models.combination import combine_quantiles
    first = np.array([[3.0], [1.0], [2.0]])
    second = first + 1.0
    runaway = first * 1e6
    combined = combine_quantiles([first, second, runaway], "median")
    np.testing.assert_array_equal(combined, second)
    assert combine_quantiles([first, second, runaway]).max() > 1e5  # the mean follows the runaway member


def test_combination_refuses_an_unknown_combine_statistic():
    with pytest.raises(ValueError, match="combine must be one of \\['mean', 'median'\\], got 'mode'"):
        get_model("combination")(combine="mode")


# -- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("values, options, message", [
    ([1.0, -2.0, 3.0], {"transform": "log"}, "log transform needs positive values"),
    ([1.0, 2.0, 3.0], {"transform": "logit", "ceiling": 2.5}, "ceiling 2.5 is not above the data"),
    ([1.0, 2.0, 3.0], {"transform": "logit"}, "needs a ceiling"),
    ([1.0, np.inf, 3.0], {}, "finite"),
])
def test_bad_model_input(values, options, message):
    with pytest.raises(ValueError, match=message):
        get_model("drift")(**options).fit([2020, 2021, 2022], values)


def test_bad_model_options():
    with pytest.raises(ValueError, match="transform must be one of"):
        get_model("naive")(transform="sqrt")
    with pytest.raises(ValueError, match="ceiling 3 is not above"):
        get_model("logistic")(ceiling=3).fit([2020, 2021, 2022], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"No model named 'x'; known: \["):
        get_model("x")
    with pytest.raises(ValueError, match="h must be"):
        get_model("drift")().fit([2020, 2021], [1.0, 2.0]).simulate(0)


def test_ets_that_does_not_converge_falls_back_to_damped(noisy, monkeypatch):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    def fail(self, *args, **kwargs):
        raise ValueError("optimisation failed")

    monkeypatch.setattr(ETSModel, "fit", fail)
    model = get_model("ets")().fit(noisy.index, noisy.to_numpy())
    glance = model.glance()
    assert glance["ran"] == "damped" and "optimisation failed" in glance["fallback_reason"]
    assert np.isfinite(model.predict(3, n_paths=500).to_numpy()).all()


@pytest.mark.parametrize("name", [*MODELS, "auto"])
def test_a_longer_horizon_keeps_the_paths_of_the_shorter_one(name):
    """Two pages that ask about the same year with the same seed agree, whatever horizon each runs to."""
    years = np.arange(2005, 2024)
    values = 10 * 1.06 ** np.arange(19) * (1 + 0.02 * np.sin(np.arange(19)))
    options = {"ceiling": 100.0} if name == "logistic" else {}
    model = resolve_model(name, years, values, **options).fit(years, values)
    np.testing.assert_array_equal(model.simulate(3, 400, seed=5), model.simulate(8, 400, seed=5)[:, :3])
