"""Latency of one control change in the explorer, per indicator (goal: under 300 ms).

A control change runs :func:`sjzforecast.explore.explore_state_to_result` (series, model fit,
simulated paths, P(meet), progress categories, Altair chart) and :func:`sjzforecast.explore.render_svg`
(the chart the widget shows).  Each repeat moves the target year by one, as a user would.

    .venv/bin/python bench/explore_latency.py [--region 石家庄] [--repeats 30]
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from sjzforecast import explore as ex
from sjzforecast.series import select_series

GOAL_MS = 300.0


def time_change(state: ex.ExploreState, observations, targets, repeats: int) -> dict[str, list[float]]:
    """Milliseconds of compute, render and total for ``repeats`` changes of the target year."""
    ex.render_svg(ex.explore_state_to_result(state, observations, targets).chart)  # warm-up
    out = {"compute": [], "render": [], "total": []}
    for i in range(repeats):
        changed = state.replace(target_year=state.target_year + i % 2)
        t0 = time.perf_counter()
        result = ex.explore_state_to_result(changed, observations, targets)
        t1 = time.perf_counter()
        ex.render_svg(result.chart)
        t2 = time.perf_counter()
        out["compute"].append(1000 * (t1 - t0))
        out["render"].append(1000 * (t2 - t1))
        out["total"].append(1000 * (t2 - t0))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default=ex.PLAN_REGION)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    observations, targets = ex.data_frames()
    print(f"{'indicator':<24}{'n':>3}{'compute med':>13}{'render med':>12}{'total med':>11}{'total p95':>11}  ok")
    worst = 0.0
    for indicator in ex.indicator_choices(observations, args.region):
        state = ex.initial_state(region=args.region, indicator=indicator, observations=observations,
                                 targets=targets)
        n = len(select_series(observations, args.region, indicator).series)
        first = ex.explore_state_to_result(state, observations, targets)
        if not first.ok:  # the explorer shows a message, not a chart: nothing to time
            print(f"{indicator:<24}{n:>3}  no answer: {first.message}")
            continue
        ms = time_change(state, observations, targets, args.repeats)
        p95 = float(np.percentile(ms["total"], 95))
        worst = max(worst, p95)
        print(f"{indicator:<24}{n:>3}{statistics.median(ms['compute']):>13.1f}{statistics.median(ms['render']):>12.1f}"
              f"{statistics.median(ms['total']):>11.1f}{p95:>11.1f}  {'yes' if p95 < GOAL_MS else 'NO'}")
    print(f"worst p95 {worst:.1f} ms; goal < {GOAL_MS:.0f} ms; {args.repeats} repeats, "
          f"n_paths={ex.ExploreState().n_paths}")
    return 0 if worst < GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
