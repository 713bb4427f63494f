import numpy as np
import pandas as pd
import pytest

import sjzforecast


@pytest.mark.parametrize("model", ["auto", *sorted(sjzforecast.MODELS)])
def test_forecast_shape_and_nested_intervals(cagr_series, model):
    cls = sjzforecast.MODELS.get(model)
    if cls is not None and (cls.needs_regular_spacing or cls.min_points > len(cagr_series)):
        with pytest.raises(ValueError, match="needs"):
            sjzforecast.forecast(cagr_series, h=3, model=model)
        return
    fc = sjzforecast.forecast(cagr_series, h=3, model=model)
    assert list(fc.index) == [2024, 2025, 2026]
    assert list(fc.columns) == ["mean", "lo-80", "hi-80", "lo-95", "hi-95"]
    assert (fc["lo-95"] <= fc["lo-80"]).all() and (fc["lo-80"] <= fc["mean"]).all()
    assert (fc["mean"] <= fc["hi-80"]).all() and (fc["hi-80"] <= fc["hi-95"]).all()


def test_uneven_years_recover_the_growth_rate(cagr_series):
    for name in ("drift", "loglinear"):
        fc = sjzforecast.forecast(cagr_series, h=2, model=name)
        expected = cagr_series.iloc[-1] * 1.10 ** np.array([1, 2])
        np.testing.assert_allclose(fc["mean"], expected, rtol=0.01)


def test_two_points_give_wide_intervals():
    y = pd.Series([2.13, 2.76], index=[2020, 2023])
    fc = sjzforecast.forecast(y, h=2)
    assert fc.loc[2025, "hi-95"] / fc.loc[2025, "lo-95"] > 1.5


@pytest.mark.parametrize("y, h, model, message", [
    (pd.Series([1.0], index=[2020]), 1, "auto", "at least 2 observations"),
    (pd.Series([1.0, np.nan], index=[2020, 2021]), 1, "auto", "finite"),
    (pd.Series([1.0, 2.0], index=[2021, 2020]), 1, "auto", "sorted"),
    (pd.Series([1.0, 2.0], index=[2020, 2020]), 1, "auto", "duplicate years"),
    (pd.Series([1.0, 2.0], index=[2020, 2021]), 0, "auto", "h must be"),
    (pd.Series([1.0, 2.0], index=[2020, 2021]), 1, "x", r"No model named 'x'; known:"),
])
def test_bad_input(y, h, model, message):
    with pytest.raises(ValueError, match=message):
        sjzforecast.forecast(y, h=h, model=model)


def test_seed_reproduces(cagr_series):
    a = sjzforecast.simulate_paths(cagr_series, 2, seed=3, n_paths=100)
    b = sjzforecast.simulate_paths(cagr_series, 2, seed=3, n_paths=100)
    pd.testing.assert_frame_equal(a, b)
