"""Rolling-origin backtest of any registered model (or ``auto``) and its accuracy table.

For every series and every origin year ``o`` with at least ``min_train`` observations up to
``o``, the model is fitted to the data up to ``o`` and its simulated paths for years
``o+1 .. o+h`` are scored against the observations of those years (Tashman, 2000).

References
----------
Tashman, L.J. (2000) Out-of-sample tests of forecasting accuracy: an analysis and review, *IJF* 16, 437-450.
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from . import metrics
from .models import FitFailure, check_h, check_levels, resolve_model, summarize_paths
from .peers import peer_prior

logger = logging.getLogger(__name__)

#: ``peers`` option value asking the backtest for a leave-one-out prior at each origin.
LEAVE_ONE_OUT = "loo"


def as_series_dict(data) -> dict[str, pd.Series]:
    """Series keyed by id from a Series, a dict of Series, or a long DataFrame.

    A DataFrame needs ``year`` and ``value`` and is keyed by ``unique_id`` or, in the
    project's long shape, by ``"region/indicator"``; each key must have one value per year
    (use :func:`sjzforecast.select_series` first when sources conflict).
    """
    if isinstance(data, pd.Series):
        return {str(data.name): data}
    if isinstance(data, dict):
        return dict(data)
    if isinstance(data, pd.DataFrame):
        if "unique_id" in data:
            keys = data["unique_id"].astype(str)
        elif {"region", "indicator"} <= set(data.columns):
            keys = data["region"].astype(str) + "/" + data["indicator"].astype(str)
        else:
            raise ValueError(f"a data frame needs 'unique_id' or 'region' and 'indicator' columns, got {list(data.columns)}")
        out = {}
        for key, rows in data.assign(_key=keys).groupby("_key", sort=True):
            if rows["year"].duplicated().any():
                raise ValueError(f"series {key!r} has several values for years "
                                 f"{sorted(rows.loc[rows['year'].duplicated(), 'year'].unique())}; select one per year first")
            out[key] = pd.Series(rows["value"].to_numpy(float), index=rows["year"].to_numpy(int), name=key).sort_index()
        return out
    raise TypeError(f"data must be a Series, a dict of Series or a DataFrame, got {type(data).__name__}")


def _model_specs(models) -> dict[str, tuple[str, dict]]:
    """``{label: (model name, options)}`` from names or a dict of names / (name, options)."""
    if isinstance(models, str):
        models = [models]
    if not isinstance(models, dict):
        models = {m: m for m in models}
    return {label: (spec, {}) if isinstance(spec, str) else (spec[0], dict(spec[1])) for label, spec in models.items()}


def _peer_group(key: str) -> str:
    return key.rsplit("/", 1)[-1] if "/" in key else ""


def backtest(data, models, h: int, min_train: int = 3, origins=None, levels=(80, 95),
             n_paths: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Rolling-origin forecasts of every model on every series, one row per forecast year.

    Parameters
    ----------
    data : Series, dict of Series or DataFrame
        See :func:`as_series_dict`.
    models : str, list or dict
        Model names (registered or ``"auto"``), or ``{label: name}`` /
        ``{label: (name, options)}``; ``options={"peers": "loo"}`` gives the model a
        :func:`~sjzforecast.peers.peer_prior` computed at each origin from the other series
        of the same indicator (the part of the key after ``/``), using only data up to the
        origin: no leakage from the future or from the series itself.
    h : int
        Years ahead forecast from each origin.
    min_train : int
        Fewest observations up to an origin.
    origins : iterable of int, optional
        Origin years; default every observed year that leaves ``min_train`` points before
        it and at least one observation after it.
    levels, n_paths, seed
        Interval levels, number of simulated paths per forecast, seed.

    Returns
    -------
    DataFrame
        ``series, model, ran, origin, year, step, actual, scale, scale2, crps`` and the
        interval columns; ``attrs["skipped"]`` lists ``(series, model, origin, reason)`` for
        models that could not be fitted (too few points, irregular years), also logged.
    """
    h, levels = check_h(h), check_levels(levels)
    panel = as_series_dict(data)
    specs = _model_specs(models)
    rows, skipped = [], []
    for key, series in panel.items():
        years = series.index.to_numpy(int)
        candidates = years if origins is None else np.asarray(list(origins), dtype=int)
        for origin in candidates:
            train, test = series[series.index <= origin], series[(series.index > origin) & (series.index <= origin + h)]
            if len(train) < min_train or test.empty:
                continue
            t, y = train.index.to_numpy(float), train.to_numpy(float)
            scale, scale2 = metrics.naive_scale(t, y), metrics.naive_scale(t, y, power=2)
            for label, (name, options) in specs.items():
                if options.get("peers") == LEAVE_ONE_OUT:
                    group = {k: v for k, v in panel.items() if _peer_group(k) == _peer_group(key)}
                    options = {**options, "peers": peer_prior(group, until=int(origin), exclude=[key])}
                try:
                    model = resolve_model(name, t, y, **options).fit(t, y)
                except (ValueError, FitFailure) as exc:
                    logger.info("backtest skips %s on %s at %d: %s", label, key, origin, exc)
                    skipped.append((key, label, int(origin), str(exc)))
                    continue
                paths = model.simulate(h, n_paths=n_paths, seed=seed)
                steps = test.index.to_numpy(int) - int(origin)
                summary = summarize_paths(paths[:, steps - 1], test.index, levels)
                crps = metrics.crps_paths(test.to_numpy(float), paths[:, steps - 1])
                frame = summary.reset_index().assign(
                    series=key, model=label, ran=model.glance()["ran"], origin=int(origin), step=steps,
                    actual=test.to_numpy(float), scale=scale, scale2=scale2, crps=crps)
                rows.append(frame)
    columns = ["series", "model", "ran", "origin", "year", "step", "actual", "scale", "scale2", "crps"]
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)
    out = out[columns + [c for c in out.columns if c not in columns]]
    out.attrs["skipped"] = skipped
    return out


def accuracy(results: pd.DataFrame, levels=(80, 95)) -> pd.DataFrame:
    """Accuracy of each model in a :func:`backtest` table (or any table with its columns).

    Columns: ``n`` (forecasts scored), ``sMAPE``, ``MASE``, ``RMSSE`` (mean over series and
    origins of the per-origin RMSSE), ``cov-L`` (percent of actuals inside the L % interval),
    ``winkler-L`` (mean Winkler score divided by ``scale``, i.e. M4's MSIS) and ``CRPS``
    (divided by ``scale``; only where the table has ``crps``).
    """
    levels = check_levels(levels)
    out = {}
    for label, g in results.groupby("model", sort=False):
        a, f = g["actual"], g["mean"]
        row = {"n": len(g), "sMAPE": metrics.smape(a, f), "MASE": metrics.mase(a, f, g["scale"])}
        if "scale2" in g:
            per_origin = [metrics.rmsse(o["actual"], o["mean"], o["scale2"]) for _, o in g.groupby(["series", "origin"])]
            row["RMSSE"] = float(np.mean(per_origin))
        for level in levels:
            lo, hi = g[f"lo-{level:g}"], g[f"hi-{level:g}"]
            row[f"cov-{level:g}"] = metrics.coverage(a, lo, hi)
            row[f"winkler-{level:g}"] = float(np.mean(metrics.winkler(a, lo, hi, level) / g["scale"]))
        if "crps" in g and g["crps"].notna().any():
            row["CRPS"] = float(np.mean(g["crps"] / g["scale"]))
        out[label] = row
    return pd.DataFrame.from_dict(out, orient="index").rename_axis("model")
