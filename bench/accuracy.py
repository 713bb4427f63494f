"""Accuracy benchmark on the provincial R&D panel: our models vs statsforecast peers.

Rolling origins 2015-2021, horizons 1-3, rd_intensity and rd_expenditure of 31 provinces.
Run:  .venv/bin/python bench/accuracy.py   (needs the ``bench`` extra: statsforecast)
"""
from __future__ import annotations

import argparse
import logging
import time
import warnings

import numpy as np
import pandas as pd

import sjzforecast
from sjzforecast import metrics
from sjzforecast.models import MODELS, SIMULATION_PATHS

INDICATORS = ("rd_intensity", "rd_expenditure")
ORIGINS = range(2015, 2022)  # the panel runs to 2024: origin 2021 is scored on 2022-2024
H = 3
LEVELS = (80, 95)


def load_panel() -> dict[str, pd.Series]:
    obs = sjzforecast.load_observations()
    panel = {}
    for indicator in INDICATORS:
        panel.update({f"{region}/{indicator}": s for region, s in sjzforecast.provincial_panel(obs, indicator).items()})
    return panel


def statsforecast_backtest(panel: dict[str, pd.Series]) -> pd.DataFrame:
    """The same rolling origins with statsforecast's models, in the backtest table's shape.

    A model that raises (AutoETS on short series) is replaced by statsforecast's
    ``fallback_model``, RandomWalkWithDrift, as statsforecast recommends.
    """
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, DynamicOptimizedTheta, Naive, RandomWalkWithDrift, Theta

    long = pd.concat([pd.DataFrame({"unique_id": k, "ds": s.index.astype(int), "y": s.to_numpy(float)})
                      for k, s in panel.items()], ignore_index=True)
    models = [Naive(), RandomWalkWithDrift(), Theta(season_length=1), DynamicOptimizedTheta(season_length=1),
              AutoETS(season_length=1)]
    rows = []
    for origin in ORIGINS:
        train = long[long["ds"] <= origin]
        # AutoETS refuses series of < ~10 points ("tiny datasets"): it then falls back to
        # RandomWalkWithDrift, the stronger of statsforecast's simple models on trending data.
        sf = StatsForecast(models=models, freq=1, n_jobs=1, fallback_model=RandomWalkWithDrift())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fc = sf.forecast(df=train, h=H, level=list(LEVELS))
        scales = {k: (metrics.naive_scale(g["ds"], g["y"]), metrics.naive_scale(g["ds"], g["y"], 2))
                  for k, g in train.groupby("unique_id")}
        fc = fc.merge(long, on=["unique_id", "ds"], how="inner")
        for m in models:
            name = repr(m)
            part = pd.DataFrame({
                "series": fc["unique_id"], "model": f"sf:{name}", "ran": name, "origin": origin, "year": fc["ds"],
                "step": fc["ds"] - origin, "actual": fc["y"], "mean": fc[name],
                "scale": fc["unique_id"].map(lambda k: scales[k][0]),
                "scale2": fc["unique_id"].map(lambda k: scales[k][1]), "crps": np.nan})
            for level in LEVELS:
                part[f"lo-{level}"], part[f"hi-{level}"] = fc[f"{name}-lo-{level}"], fc[f"{name}-hi-{level}"]
            rows.append(part)
    return pd.concat(rows, ignore_index=True)


def time_one_series(series: pd.Series, repeats: int = 20) -> float:
    """Median wall time in ms of fit + 10,000 paths with ``auto``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        sjzforecast.simulate_paths(series, H, model="auto", n_paths=SIMULATION_PATHS)
        times.append(time.perf_counter() - start)
    return 1000 * float(np.median(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paths", type=int, default=1000, help="simulated paths per forecast in the backtest")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)

    panel = load_panel()
    ours = {name: name for name in MODELS} | {"auto": "auto", "auto+peers": ("auto", {"peers": "loo"})}
    start = time.perf_counter()
    results = sjzforecast.backtest(panel, ours, h=H, min_train=3, origins=ORIGINS, levels=LEVELS, n_paths=args.paths)
    ours_seconds = time.perf_counter() - start
    start = time.perf_counter()
    peers = statsforecast_backtest(panel)
    peer_seconds = time.perf_counter() - start

    table = sjzforecast.accuracy(pd.concat([results, peers], ignore_index=True), levels=LEVELS)
    print(f"Provincial R&D panel: {len(panel)} series, origins {ORIGINS.start}-{ORIGINS.stop - 1}, h = 1..{H}, "
          f"{args.paths} paths per forecast")
    print(table.round(2).to_string())
    print("sf:AutoETS is replaced by statsforecast's RandomWalkWithDrift where it refuses a tiny series; "
          "winkler-L and CRPS are divided by the in-sample naive MAE (M4's MSIS)")
    skipped = pd.Series([s[1] for s in results.attrs["skipped"]]).value_counts()
    if len(skipped):
        print("skipped fits (too few points or irregular years): " + ", ".join(f"{k} {v}" for k, v in skipped.items()))
    fellback = results[results["ran"] != results["model"].str.split("+").str[0]]
    fellback = fellback[~fellback["model"].str.startswith(("auto", "combination"))]
    if len(fellback):
        print("fallbacks: " + ", ".join(f"{m}->{r} {n}" for (m, r), n in
                                      fellback.groupby(["model", "ran"])["origin"].size().items()))
    example = panel[f"北京/{INDICATORS[1]}"]
    print(f"fit + {SIMULATION_PATHS:,} paths, auto, one series of {len(example)} points: "
          f"{time_one_series(example):.1f} ms (median of 20)")
    print(f"panel backtest, our {len(ours)} models: {ours_seconds:.1f} s; statsforecast's 5 models: {peer_seconds:.1f} s")


if __name__ == "__main__":
    main()
