"""Where ``auto``'s long-series pool stands on the project's own kind of data.

``auto`` switches at :data:`~sjzforecast.models.AUTO_MIN_POINTS` (20) points from the
short-series combination (drift, damped trend and Theta on the log scale, the mean of their
quantiles) to the long-series pool (the median of naive, robust drift on the level scale,
damped trend on the log scale and DOTM on the level scale), chosen on long competition series
(M1/M3, tourism), where it wins from 14 points on.  The provincial R&D panel has at most 13
points up to 2023, so ``bench/accuracy.py`` never scores the pool on it; from 2024 every
provincial series has 14 points.  This script, the evidence for a threshold of 20 rather than
14, forces both on the panel's series of 5-13 points (origins 2015-2023, 1-3 years ahead) and prints sMAPE, MASE, the
coverage of the 80 % and 95 % intervals and the share of outcomes above the median forecast
(0.5 for an unbiased forecast), by series length and by indicator; then the probability of
meeting the 河北 R&D expenditure target for 2025 from each, as the briefing asks it.

Run:  .venv/bin/python bench/long_pool_panel.py
"""
from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd

import sjzforecast
from accuracy import load_panel
from sjzforecast import metrics
from sjzforecast.models.auto import LONG_COMBINE, long_members
from sjzforecast.models.combination import Combination

ORIGINS = range(2015, 2024)
H = 3
PATHS = 1000


def candidates(values) -> dict:
    """Unfitted models by name: the long pool (without its interval check) and the short-series combination."""
    return {"long pool": Combination(members=long_members(values), combine=LONG_COMBINE), "short": Combination()}


def scored_forecasts(panel: dict[str, pd.Series]) -> pd.DataFrame:
    """One row per (series, origin, model, year ahead): the outcome, the median and whether the intervals hold it."""
    rows = []
    for key, series in panel.items():
        for origin in ORIGINS:
            train, later = series[series.index <= origin], series[(series.index > origin) & (series.index <= origin + H)]
            if len(train) < 5 or later.empty:
                continue
            years, values = train.index.to_numpy(float), train.to_numpy(float)
            steps = (later.index.to_numpy() - origin).astype(int)
            for name, model in candidates(values).items():
                paths = model.fit(years, values).simulate(int(steps.max()), n_paths=PATHS, seed=0)[:, steps - 1]
                q = np.percentile(paths, [2.5, 10, 50, 90, 97.5], axis=0)
                for j, actual in enumerate(later.to_numpy(float)):
                    rows.append({"model": name, "indicator": key.split("/")[1], "points": len(values),
                                 "actual": actual, "median": q[2, j], "scale": metrics.naive_scale(years, values),
                                 "cov-80": 100 * (q[1, j] <= actual <= q[3, j]),
                                 "cov-95": 100 * (q[0, j] <= actual <= q[4, j]), "above": float(actual > q[2, j])})
    frame = pd.DataFrame(rows)
    return frame.assign(sMAPE=200 * (frame["actual"] - frame["median"]).abs()
                        / (frame["actual"].abs() + frame["median"].abs()),
                        MASE=(frame["actual"] - frame["median"]).abs() / frame["scale"])


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    warnings.simplefilter("ignore")
    pd.set_option("display.width", 200)
    frame = scored_forecasts(load_panel())
    columns = ["sMAPE", "MASE", "cov-80", "cov-95", "above"]
    print(f"Provincial R&D panel, origins {ORIGINS.start}-{ORIGINS.stop - 1}, 1-{H} years ahead, {PATHS} paths; "
          f"{len(frame) // 2} forecasts per model")
    print(frame.groupby("model")[columns].mean().round(3).to_string())
    lengths = pd.cut(frame["points"], [4, 8, 11, 13], labels=["5-8 points", "9-11 points", "12-13 points"])
    print(frame.groupby(["model", lengths], observed=True)[columns].mean().round(3).to_string())
    print(frame.groupby(["model", "indicator"])[columns].mean().round(3).to_string())
    result = sjzforecast.answer(sjzforecast.Question(region="河北", indicator="rd_expenditure", target_year=2025,
                                                     targets="data/plans/hebei-14th.yaml"))
    years, values = result.series.index.to_numpy(float), result.series.to_numpy(float)
    pool = candidates(values)["long pool"].fit(years, values)
    at_target = pool.simulate(2025 - int(years[-1]), n_paths=10_000, seed=0)[:, -1]
    print(f"河北 R&D expenditure ({len(values)} points, latest {values[-1]:.1f}), the briefing's question: "
          f"P(2025 at or above {result.target.level:.1f}) = {result.p_meet:.2f} from auto "
          f"({result.model.glance()['auto_choice']}, median {result.forecast.loc[2025, 'mean']:.1f}); "
          f"{np.mean(at_target >= result.target.level):.2f} from the long pool (median {np.median(at_target):.1f})")

if __name__ == "__main__":
    main()
