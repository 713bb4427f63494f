import logging

import numpy as np
import pandas as pd
import pytest

import sjzforecast
from sjzforecast import metrics
from sjzforecast.backtesting import as_series_dict


# -- metrics: known answers ---------------------------------------------------------------

def test_point_metrics_known_answers():
    assert metrics.smape([100.0], [110.0]) == pytest.approx(200 * 10 / 210)
    assert metrics.smape([1.0, 2.0], [1.0, 2.0]) == 0
    assert metrics.mase([3.0, 5.0], [2.0, 7.0], 1.0) == pytest.approx(1.5)
    assert metrics.mase([3.0, 5.0], [2.0, 7.0], [1.0, 2.0]) == pytest.approx(1.0)
    assert metrics.rmsse([3.0, 5.0], [2.0, 7.0], 2.0) == pytest.approx(np.sqrt(1.25))


def test_naive_scale_counts_uneven_gaps_per_year():
    assert metrics.naive_scale([2000, 2001, 2003], [1.0, 2.0, 6.0]) == pytest.approx(1.5)
    assert metrics.naive_scale([2000, 2001, 2003], [1.0, 2.0, 6.0], power=2) == pytest.approx(2.5)


def test_interval_metrics_known_answers():
    assert metrics.coverage([1.0, 2.0, 3.0], [0.0, 2.5, 0.0], [1.5, 3.0, 2.0]) == pytest.approx(100 / 3)
    np.testing.assert_allclose(metrics.winkler([5.0, 2.0, 0.0], [1.0, 1.0, 1.0], [3.0, 3.0, 3.0], 80),
                               [2 + 10 * 2, 2, 2 + 10 * 1])


def test_crps_known_answers():
    np.testing.assert_allclose(metrics.crps_paths([0.0], np.array([[0.0], [1.0]])), [0.25])
    np.testing.assert_allclose(metrics.crps_paths([1.0, 2.0], np.full((10, 2), 3.0)), [2.0, 1.0])
    draws = np.random.default_rng(0).standard_normal((20000, 1))
    exact = 2 / np.sqrt(2 * np.pi) - 1 / np.sqrt(np.pi)  # CRPS of N(0,1) at 0
    assert metrics.crps_paths([0.0], draws)[0] == pytest.approx(exact, abs=0.01)


# -- backtest ------------------------------------------------------------------------------

@pytest.fixture
def panel():
    years = np.arange(2000, 2010)
    rng = np.random.default_rng(2)
    return {f"p{i}/x": pd.Series(10 * (1 + 0.05 + 0.01 * i) ** (years - 2000) * np.exp(rng.normal(0, 0.02, 10)),
                                 index=years) for i in range(5)}


def test_backtest_rows_and_columns(panel):
    one = {"p0/x": panel["p0/x"]}
    out = sjzforecast.backtest(one, ["drift", "naive"], h=2, min_train=5, n_paths=200)
    # origins 2004..2008: two forecasts each, one from 2008
    assert len(out) == 2 * (4 * 2 + 1)
    assert set(out["model"]) == {"drift", "naive"}
    assert (out["year"] - out["origin"] == out["step"]).all()
    assert {"actual", "mean", "lo-80", "hi-95", "crps", "scale"} <= set(out.columns)


def test_backtest_uses_no_data_after_the_origin(panel):
    series = panel["p1/x"]
    changed = series.copy()
    changed[changed.index > 2006] *= 3
    a = sjzforecast.backtest({"s": series}, ["auto"], h=2, origins=[2004], n_paths=200)
    b = sjzforecast.backtest({"s": changed}, ["auto"], h=2, origins=[2004], n_paths=200)
    pd.testing.assert_frame_equal(a, b)


def test_backtest_exact_trend_scores_perfectly():
    years = np.arange(2000, 2012)
    y = pd.Series(5.0 * 1.08 ** (years - 2000), index=years)
    out = sjzforecast.backtest(y, {"drift": ("drift", {"sigma_prior": 1e-9})}, h=3, min_train=4, n_paths=200)
    table = sjzforecast.accuracy(out)
    assert table.loc["drift", "MASE"] == pytest.approx(0, abs=1e-6)
    assert table.loc["drift", "sMAPE"] == pytest.approx(0, abs=1e-6)


def test_backtest_skips_a_model_with_a_logged_reason(panel, caplog):
    with caplog.at_level(logging.INFO, logger="sjzforecast"):
        out = sjzforecast.backtest(panel, ["ets", "drift"], h=1, origins=[2004], n_paths=100)
    assert set(out["model"]) == {"drift"}
    assert len(out.attrs["skipped"]) == 5 and "needs at least 10 points" in out.attrs["skipped"][0][3]
    assert "backtest skips ets" in caplog.text


def test_backtest_with_leave_one_out_peers(panel):
    out = sjzforecast.backtest(panel, {"peers": ("drift", {"peers": "loo"})}, h=1, origins=[2004], n_paths=100)
    assert len(out) == 5 and np.isfinite(out["mean"]).all()


def test_accuracy_known_answers():
    table = pd.DataFrame({"model": "m", "series": "s", "origin": 2000, "actual": [10.0, 20.0], "mean": [10.0, 10.0],
                          "lo-80": [9.0, 9.0], "hi-80": [11.0, 11.0], "scale": [2.0, 2.0], "scale2": [4.0, 4.0]})
    row = sjzforecast.accuracy(table, levels=[80]).loc["m"]
    assert row["n"] == 2
    assert row["MASE"] == pytest.approx((0 + 10 / 2) / 2)
    assert row["RMSSE"] == pytest.approx(np.sqrt((0 + 100 / 4) / 2))
    assert row["cov-80"] == pytest.approx(50)
    assert row["winkler-80"] == pytest.approx(((2 / 2) + (2 + 10 * 9) / 2) / 2)


def test_as_series_dict_rejects_two_values_for_a_year():
    frame = pd.DataFrame({"unique_id": ["a", "a"], "year": [2020, 2020], "value": [1.0, 2.0]})
    with pytest.raises(ValueError, match="several values for years"):
        as_series_dict(frame)
    long = pd.DataFrame({"region": "r", "indicator": "i", "year": [2021, 2020], "value": [2.0, 1.0]})
    assert list(as_series_dict(long)["r/i"].index) == [2020, 2021]


# -- peers ---------------------------------------------------------------------------------

def test_peer_prior_recovers_a_common_growth_and_ignores_the_future(panel):
    prior = sjzforecast.peer_prior(panel, until=2006)
    assert prior.n_series == 5
    assert np.log(1.05) < prior.growth_mean < np.log(1.09)
    future = {k: v.where(v.index <= 2006, v * 10) for k, v in panel.items()}
    assert sjzforecast.peer_prior(future, until=2006) == prior
    assert sjzforecast.peer_prior(panel, until=2006, exclude=["p0/x"]).n_series == 4


def test_drift_shrinks_toward_peers_and_reports_it(panel):
    prior = sjzforecast.peer_prior(panel)
    y = pd.Series([10.0, 13.0], index=[2020, 2021])  # 30 % growth from two points
    own = sjzforecast.fit_model(y, "drift")
    shrunk = sjzforecast.fit_model(y, "drift", peers=prior)
    assert prior.growth_mean < shrunk.glance()["drift"] < own.glance()["drift"]
    tidy = shrunk.tidy().set_index("term")["estimate"]
    assert 0 < tidy["peer_weight"] < 1 and tidy["peer_growth_mean"] == pytest.approx(prior.growth_mean)
    assert "peer_weight" not in set(own.tidy()["term"])


def test_provincial_panel_has_31_provinces(observations):
    for indicator in ("rd_intensity", "rd_expenditure"):
        panel = sjzforecast.provincial_panel(observations, indicator)
        assert len(panel) == 31 and "全国" not in panel
