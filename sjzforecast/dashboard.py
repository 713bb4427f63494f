"""The plan dashboard: every target of the plan in one table, by every assessment method.

:func:`build_dashboard` is the single library call behind ``notebooks/plan_dashboard.ipynb``.
For each target of ``data/targets.yaml`` (Table 1 and the 3.0 % R&D intensity target) it
gives the latest value and year, the target level in the chosen year
(:func:`~sjzforecast.analysis.target_level_in_year`), required against achieved growth,
P(meet) and the category of every method of :mod:`sjzforecast.progress`, and a data-quality
flag.  It never raises for one indicator: missing or sparse data give ``not_assessable``
with the reason.  Where sources conflict, every variant of the series
(:func:`~sjzforecast.series.series_variants`) is assessed and the dashboard says whether the
category or the probability changes.  :func:`track_record` sets earlier targets found in the
data (``<indicator>_target`` rows, e.g. the previous plan's 2.5 % intensity for 2015) against
their outcomes.

The notebook's last cell calls :func:`publish`, which displays the payload
(:mod:`sjzforecast.payload`, kind ``dashboard``) for the HTML renderer (see
:func:`build_payload` for its keys).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import charts
from . import data as data_module
from .analysis import resolve_target
from .effort import compound_annual_growth, peer_feasibility_for, required_growth
from .i18n import check_language, method_name, quality_note, region_name, t
from .payload import jsonable
from .payload import publish as publish_payload
from .peers import peer_prior_for
from .progress import METHODS, VariantComparison, assess_all
from .series import select_series, series_variants
from .sources import source_kind

logger = logging.getLogger(__name__)

#: The method whose categories colour the dashboard chart (the table shows every method).
CHART_METHOD = "probability"
#: Fewer observations than this (from the target's base year on) flag the data as few.
FEW_POINTS = 3
#: Suffix of the indicators that hold targets rather than outcomes.
TARGET_SUFFIX = "_target"


@dataclass
class Dashboard:
    """Result of :func:`build_dashboard`.

    Attributes
    ----------
    table : DataFrame
        One row per target: see :func:`indicator_row` for the columns.
    assessments : DataFrame
        One row per target, variant and method (the fields of
        :class:`~sjzforecast.progress.Assessment`).
    track_record : DataFrame
        Earlier targets against their outcomes (:func:`track_record`).
    """

    region: str
    target_year: int
    methods: tuple[str, ...]
    table: pd.DataFrame
    assessments: pd.DataFrame
    track_record: pd.DataFrame

    def chart_data(self) -> pd.DataFrame:
        """Data of the dashboard chart: one row per target and method.

        Columns ``target_id, name_zh, name_en, method, category, probability, progress``:
        ``progress`` is the share of the way from the base to the target covered by the
        latest observation, :math:`(y_t - y_b) / (L_T - y_b)`, to plot against the share of
        the plan period elapsed, ``elapsed`` = :math:`(t - b) / (T - b)`.
        """
        keep = ["target_id", "name_zh", "name_en", "progress", "elapsed"]
        long = self.assessments[self.assessments["variant"] == "main"][["target_id", "method", "category",
                                                                         "probability"]]
        return self.table[keep].merge(long, on="target_id", how="left")

    def variant_summary(self) -> pd.DataFrame:
        """Targets whose data have conflicting sources: category per variant and method, and whether it changes."""
        rows = []
        for target_id, group in self.assessments.groupby("target_id", sort=False):
            if group["variant"].nunique() < 2:
                continue
            summary = VariantComparison(group.drop(columns="target_id")).summary()
            rows.append(summary.assign(target_id=target_id))
        if not rows:
            return pd.DataFrame(columns=["target_id", "method", "categories", "category_changes",
                                         "probability_min", "probability_max"])
        out = pd.concat(rows, ignore_index=True)
        return out[["target_id"] + [c for c in out.columns if c != "target_id"]]


def growth_between(series: pd.Series, start_year: int, end_year: int) -> float | None:
    """CAGR of ``series`` between two observed years, or None where it cannot be computed."""
    if start_year not in series.index or end_year not in series.index or end_year <= start_year:
        return None
    try:
        return compound_annual_growth(float(series[start_year]), float(series[end_year]), end_year - start_year)
    except ValueError:
        return None


def progress_share(base_value: float, last_value: float, target_level: float) -> float | None:
    """Share of the way from the base to the target covered: :math:`(y_t - y_b) / (L - y_b)`."""
    if target_level == base_value:
        return None
    return float((last_value - base_value) / (target_level - base_value))


def quality_notes(selection, base_year: int, comparison: VariantComparison | None) -> list[dict]:
    """Reasons to read a row with care, as ``{"code": ..., **fields}`` (worded by :func:`~sjzforecast.i18n.quality_note`).

    Codes: ``few_points`` (fewer than :data:`FEW_POINTS` observations from the base year),
    ``conflict`` (sources disagree), ``caveat`` (values read with a note),
    ``category_depends`` (a method's category changes with the source) and ``repost_only``
    (the latest value comes from a repost site alone, :func:`~sjzforecast.sources.source_kind`).
    """
    notes = []
    used = selection.series[selection.series.index >= base_year]
    if len(used) < FEW_POINTS:
        notes.append({"code": "few_points", "n": len(used), "base_year": base_year})
    for conflict in selection.conflicts:
        notes.append({"code": "conflict", "year": conflict.year, "chosen": f"{conflict.chosen:g}",
                      "alternatives": [f"{a:g}" for a in conflict.alternatives]})
    rows = selection.rows[selection.rows["used"]]
    caveats = rows[rows["provenance"] == "note"]
    if len(caveats):
        notes.append({"code": "caveat", "years": sorted(int(y) for y in caveats["year"])})
    if comparison is not None:
        changed = [m for m, c in comparison.category_changes.items() if c]
        if changed:
            notes.append({"code": "category_depends", "methods": changed})
    latest = rows.sort_values("year").tail(1)
    if len(latest) and source_kind(latest["source_url"].iloc[0]) == "repost":
        notes.append({"code": "repost_only", "year": int(latest["year"].iloc[0])})
    return notes


def _not_assessable(methods, reason: str) -> pd.DataFrame:
    return pd.DataFrame({"variant": "main", "method": list(methods), "category": "not_assessable",
                         "reason": reason, "probability": np.nan})


def assess_target_variants(selection, target_row, target_year: int, methods, mode: str = "plan",
                           **options) -> pd.DataFrame:
    """Every method on every variant of a series, with the target level resolved per variant.

    A growth-rate target is judged from the base-year observation, so a conflict in the base
    year changes the level as well as the data; each variant resolves its own level.  A
    variant that cannot be assessed (no base observation, a target year before all data)
    gives ``not_assessable`` rows with the reason.
    """
    frames = []
    for name, series in series_variants(selection).items():
        level = np.nan
        try:
            level = resolve_target(target_row, series, target_year, mode=mode).level
            frame = assess_all(series, level, target_year, int(target_row["base_year"]), target_row["direction"],
                               methods=tuple(methods), **options)
        except ValueError as exc:
            frame = _not_assessable(methods, str(exc))
        frames.append(frame.assign(variant=name, target_level=level))
    return pd.concat(frames, ignore_index=True)


def indicator_row(observations: pd.DataFrame, target_row, region: str, target_year: int, methods,
                  mode: str = "plan", peers: bool = True, **options) -> tuple[dict, pd.DataFrame]:
    """One dashboard row and its long assessments; never raises for sparse or missing data.

    Row keys: ``target_id, indicator, name_zh, name_en, unit, kind, latest_year, latest_value,
    target_level, target_year, base_year, achieved_growth`` (CAGR from the base-year
    observation to the latest), ``required_growth`` (CAGR from the base-year observation to
    the target level: for a growth-rate target, the rate itself), ``required_from_latest``,
    ``peer_share`` (share of province-periods that grew at least ``required_from_latest`` over
    as many years; None without a provincial panel),
    ``probability`` (P(meet) of the main series), ``category_<method>``, ``reason``
    (why a method could not assess), ``progress``, ``elapsed``, ``quality``
    (``ok`` or ``check``) and ``quality_notes``.
    """
    base_year = int(target_row["base_year"])
    row = {k: target_row[k] for k in ("target_id", "indicator", "name_zh", "name_en", "unit")}
    row.update(kind=target_row["target_kind"], target_year=int(target_year), base_year=base_year,
               latest_year=None, latest_value=None, target_level=None, achieved_growth=None, required_growth=None,
               required_from_latest=None, peer_share=None, probability=None, progress=None, elapsed=None)
    try:
        selection = select_series(observations, region, target_row["indicator"])
    except ValueError as exc:
        long = _not_assessable(methods, f"no data: {exc}")
        row.update({f"category_{m}": "not_assessable" for m in methods}, reason=f"no data: {exc}",
                   quality="check", quality_notes=[{"code": "no_observations"}])
        return row, long.assign(target_id=row["target_id"])
    series = selection.series
    if peers and "probability" in methods:  # the same calibration as the indicator briefings
        prior = peer_prior_for(observations, target_row["indicator"], region, until=int(series.index[-1]))
        if prior is not None:
            options = {**options, "peers": prior}
    long = assess_target_variants(selection, target_row, target_year, methods, mode, **options)
    main = long[long["variant"] == "main"].set_index("method")
    comparison = VariantComparison(long) if long["variant"].nunique() > 1 else None
    level = float(main["target_level"].iloc[0]) if main["target_level"].notna().any() else None
    last_year, last_value = int(series.index[-1]), float(series.iloc[-1])
    row.update(latest_year=last_year, latest_value=last_value, target_level=level,
               achieved_growth=growth_between(series, base_year, last_year),
               elapsed=(last_year - base_year) / (target_year - base_year) if target_year > base_year else None)
    if level is not None and base_year in series.index:
        base_value = float(series[base_year])
        row["progress"] = progress_share(base_value, last_value, level)
        try:
            row["required_growth"] = compound_annual_growth(base_value, level, target_year - base_year)
        except ValueError:
            pass
    if level is not None and target_year > last_year:
        try:
            row["required_from_latest"] = required_growth(last_year, last_value, level, target_year)
        except ValueError:
            pass
        else:
            peers = peer_feasibility_for(observations, target_row["indicator"], row["required_from_latest"],
                                         target_year - last_year)
            row["peer_share"] = peers.share if peers else None
    if "probability" in main.index:
        row["probability"] = main.loc["probability", "probability"]
    row.update({f"category_{m}": main.loc[m, "category"] for m in methods})
    reasons = [f"{m}: {main.loc[m, 'reason']}" for m in methods if main.loc[m, "category"] == "not_assessable"]
    notes = quality_notes(selection, base_year, comparison)
    row.update(reason="; ".join(dict.fromkeys(reasons)), quality="check" if notes else "ok", quality_notes=notes)
    return row, long.assign(target_id=row["target_id"])


def track_record(observations: pd.DataFrame, region: str) -> pd.DataFrame:
    """Earlier targets in the data against their outcomes.

    Every ``<indicator>_target`` row of ``region`` (a target, not an outcome) is set against
    the ``<indicator>`` observation of the same year, if any: e.g. 石家庄's previous plan
    aimed at an R&D intensity of 2.5 % in 2015, and 1.83 % was reached.

    Returns
    -------
    DataFrame
        ``indicator, year, target, outcome, met, gap`` (outcome minus target), ``unit``, ``source_url``;
        ``outcome``, ``met`` and ``gap`` are empty when the outcome is not observed.
    """
    rows = observations[(observations["region"] == region) & observations["indicator"].str.endswith(TARGET_SUFFIX)]
    out = []
    for r in rows.sort_values(["indicator", "year"]).itertuples():
        indicator = r.indicator[: -len(TARGET_SUFFIX)]
        try:
            outcome_series = select_series(observations, region, indicator).series
        except ValueError:
            outcome_series = pd.Series(dtype=float)
        outcome = float(outcome_series[r.year]) if r.year in outcome_series.index else None
        out.append({"indicator": indicator, "year": int(r.year), "target": float(r.value), "outcome": outcome,
                    "met": None if outcome is None else outcome >= r.value,
                    "gap": None if outcome is None else outcome - r.value, "unit": r.unit,
                    "source_url": r.source_url})
    return pd.DataFrame(out, columns=["indicator", "year", "target", "outcome", "met", "gap", "unit", "source_url"])


def build_dashboard(region: str = "石家庄", target_year: int = 2025, methods=tuple(METHODS), mode: str = "plan",
                    observations: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
                    n_paths: int = 10_000, seed: int = 0, peers: bool = True) -> Dashboard:
    """Assess every target of the plan for one region and target year.

    Parameters
    ----------
    region : str
        A region of the observations.
    target_year : int
        Year every target is judged in (2025, 2030, 2035); targets are read in that year
        with :func:`~sjzforecast.analysis.target_level_in_year` in ``mode``.
    methods : sequence of str
        Keys of :data:`sjzforecast.progress.METHODS`.
    n_paths, seed : int
        Simulation of the probability method.
    peers : bool
        Calibrate the probability method on the provincial panel where there is one, as the
        indicator briefings do (:func:`~sjzforecast.peers.peer_prior_for`).

    Raises
    ------
    ValueError
        Unknown region or method (a bad indicator never raises: it is ``not_assessable``).
    """
    observations = data_module.load_observations() if observations is None else observations
    targets = data_module.load_targets() if targets is None else targets
    methods = tuple(methods)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise ValueError(f"No method named {unknown[0] if unknown else None!r}; known: {sorted(METHODS)}")
    if not (observations["region"] == region).any():
        raise ValueError(f"No region {region!r} in the observations; known: {sorted(observations['region'].unique())}")
    plan = data_module.plan_targets(targets, region)
    if plan.empty:
        raise ValueError(f"No plan targets for {region!r}; the targets file holds the plan of "
                         f"{sorted(set(targets['region']))}")
    options = {"n_paths": n_paths, "seed": seed} if "probability" in methods else {}
    rows, longs = [], []
    for _, target_row in plan.iterrows():
        row, long = indicator_row(observations, target_row, region, target_year, methods, mode, peers, **options)
        rows.append(row)
        longs.append(long)
        logger.info("%s %s: %s", region, row["target_id"], [row[f"category_{m}"] for m in methods])
    assessments = pd.concat([long.dropna(axis=1, how="all") for long in longs], ignore_index=True)
    assessments = assessments[["target_id", *[c for c in assessments.columns if c != "target_id"]]]
    return Dashboard(region, int(target_year), methods, pd.DataFrame(rows), assessments,
                     track_record(observations, region))


def display_table(dashboard: Dashboard, language: str = "zh") -> pd.DataFrame:
    """The dashboard table for reading: indicator names in ``language``, rates in percent."""
    check_language(language)
    table = dashboard.table.copy()
    table.insert(0, "indicator_label", table["name_zh" if language == "zh" else "name_en"])
    table["quality_notes"] = ["; ".join(quality_note(n, language) for n in notes) for notes in table["quality_notes"]]
    for col in ("achieved_growth", "required_growth", "required_from_latest", "peer_share", "probability",
                "progress"):
        table[col] = (100 * table[col].astype(float)).round(1)
    table["latest_year"] = table["latest_year"].astype("Int64")
    cols = ["indicator_label", "unit", "latest_year", "latest_value", "target_level", "target_year",
            "achieved_growth", "required_growth", "required_from_latest", "peer_share", "probability",
            *[f"category_{m}" for m in dashboard.methods], "quality", "quality_notes", "reason"]
    return table[cols].set_index("indicator_label")


def build_payload(dashboard: Dashboard, language: str = "zh") -> dict:
    """Everything the dashboard HTML needs, as plain JSON data.

    Keys: ``kind`` (``"dashboard"``), ``language``, ``region``, ``region_label``,
    ``target_year``, ``methods``, ``table`` (records of :attr:`Dashboard.table`),
    ``chart_data`` (records of :meth:`Dashboard.chart_data`), ``variants`` (records of
    :meth:`Dashboard.variant_summary`), ``assessments`` (records) and ``track_record``
    (records).  Missing numbers are ``None``.
    """
    check_language(language)

    def records(frame):
        return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")

    return jsonable({
        "kind": "dashboard", "language": language, "region": dashboard.region,
        "charts": {"dashboard": dashboard_chart(dashboard, language).to_dict()},
        "region_label": region_name(dashboard.region, language), "target_year": dashboard.target_year,
        "methods": list(dashboard.methods), "table": records(dashboard.table),
        "chart_data": records(dashboard.chart_data()), "variants": records(dashboard.variant_summary()),
        "assessments": records(dashboard.assessments.drop(columns=["first_year_distribution"], errors="ignore")),
        "track_record": records(dashboard.track_record),
    })


def dashboard_chart(dashboard: Dashboard, language: str = "zh"):
    """The dashboard as a chart: a category badge and a P(meet) bar per target.

    Categories are those of :data:`CHART_METHOD` when it was run, else of the first method.
    """
    method = CHART_METHOD if CHART_METHOD in dashboard.methods else dashboard.methods[0]
    table = dashboard.table
    frame = pd.DataFrame({"indicator": table["name_zh" if language == "zh" else "name_en"],
                          "category": table[f"category_{method}"],
                          "probability": table["probability"].astype(float)})
    return charts.dashboard_chart(frame, language, title=f"{t('dashboard', language)} · {method_name(method, language)}")


def publish(dashboard: Dashboard, language: str = "zh") -> None:
    """Display the dashboard payload (read back by the batch for the HTML)."""
    payload = build_payload(dashboard, language)
    publish_payload(payload, f"<dashboard payload: {payload['region']} {payload['target_year']}, "
                             f"{len(payload['table'])} targets>")
