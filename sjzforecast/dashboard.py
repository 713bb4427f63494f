"""The plan dashboard: every target of the plan in one table, by every assessment method.

:func:`build_dashboard` is the single library call behind ``notebooks/plan_dashboard.ipynb``.
Each row is :func:`~sjzforecast.answer.answer` of the question a briefing of that target asks
(Table 1 and the 3.0 % R&D intensity target of ``data/targets.yaml``): the latest value and
year, the target level in the chosen year (in the indicator's unit), required against achieved
growth from the base year (%/yr), P(meet) and the category of every method of
:mod:`sjzforecast.progress`, and a data-quality flag; the page embeds the rows as the
``sjz-dashboard`` JSON block (:func:`answer_block`).  It never raises for one indicator:
missing or sparse data give ``not_assessable`` with the reason.  Where sources conflict, every variant of the series
(:func:`~sjzforecast.series.series_variants`) is assessed and the dashboard says whether the
category or the probability changes.  :func:`track_record` sets earlier targets found in the
data (``<indicator>_target`` rows, e.g. the previous plan's 2.5 % intensity for 2015) against
their outcomes.

The notebook's last cell calls :func:`publish`, which displays the payload
(:mod:`sjzforecast.payload`, kind ``dashboard``) for the HTML renderer (see
:func:`build_payload` for its keys).
"""
from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import charts
from . import data as data_module
from .answer import (Answer, GrowthBasis, answer, not_assessable, nowcast_years, reference_date,
                     variant_assessments)
from .effort import share_bound
from .errors import SjzforecastError, did_you_mean
from .formats import (decimals_of, format_difference, format_p_meet, format_probability, format_probability_range,
                      format_rate, format_value, observation_decimals, unit_label)
from .i18n import (category_label, check_language, growth_since, method_name, quality_note, region_name, t,
                   yes_no)
from .payload import jsonable
from .payload import publish as publish_payload
from .progress import METHODS, VariantComparison, format_reason, get_method
from .progress.assessment import direction_sign, reaches
from .question import MIN_POINTS, Question, load_data, series_of
from .series import select_series
from .sources import source_kind

logger = logging.getLogger(__name__)

#: The method whose categories colour the dashboard chart (the table shows every method).
CHART_METHOD = "probability"
#: Fewer observations than this (from the target's base year on) flag the data as few.
FEW_POINTS = 3
#: Suffix of the indicators that hold targets rather than outcomes.
TARGET_SUFFIX = "_target"
#: The growth columns of :attr:`Dashboard.table`, by the :class:`~sjzforecast.answer.Answer` field each shows.
GROWTH_FIELDS = {"achieved_growth": "achieved_growth_from_base", "required_growth": "required_growth_from_base",
                 "required_from_latest": "required_growth_from_latest"}
#: The columns of :attr:`Dashboard.table` shown as numbers, in order (:func:`shown_numbers`).
SHOWN_COLUMNS = ("latest_value", "target_level", *GROWTH_FIELDS, "peer_share", "probability")


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
    mode : str
        How the plan's targets are read in ``target_year`` (``plan`` or ``pace``,
        :func:`~sjzforecast.progress.targets.target_level_in_year`).
    as_of : str, optional
        The date the data are read as of (ISO), where the rows' questions give one.
    """

    region: str
    target_year: int
    methods: tuple[str, ...]
    table: pd.DataFrame
    assessments: pd.DataFrame
    track_record: pd.DataFrame
    mode: str = "plan"
    as_of: str | None = None

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


def progress_share(base_value: float, last_value: float, target_level: float) -> float | None:
    """Share of the way from the base to the target covered: :math:`(y_t - y_b) / (L - y_b)`."""
    if target_level == base_value:
        return None
    return float((last_value - base_value) / (target_level - base_value))


def quality_notes(selection, base_year: int, comparison: VariantComparison | None,
                  basis: GrowthBasis | None = None) -> list[dict]:
    """Reasons to read a row with care, as ``{"code": ..., **fields}`` (worded by :func:`~sjzforecast.i18n.quality_note`).

    Codes: ``few_points`` (fewer than :data:`FEW_POINTS` observations from the base year),
    ``pre_plan_base`` (growth and the methods measured from before the plan's base year, ``basis``
    of :func:`~sjzforecast.answer.growth_basis`),
    ``conflict`` (sources disagree), ``caveat`` (values read with a note),
    ``category_depends`` (a method's category changes with the source) and ``repost_only``
    (the latest value comes from a repost site alone, :func:`~sjzforecast.sources.source_kind`).
    """
    notes = []
    used = selection.series[selection.series.index >= base_year]
    if len(used) < FEW_POINTS:
        notes.append({"code": "few_points", "n": len(used), "base_year": base_year})
    if basis is not None and basis.caveat:
        notes.append(basis.caveat)
    for conflict in selection.conflicts:
        notes.append({"code": "conflict", "year": conflict.year, "chosen": conflict.chosen,
                      "alternatives": list(conflict.alternatives), "unit": selection.unit})
    rows = selection.rows[selection.rows["used"]]
    caveats = rows[rows["provenance"] == "note"]
    if len(caveats):
        notes.append({"code": "caveat", "years": sorted(int(y) for y in caveats["year"])})
    if comparison is not None:
        changed = [m for m, c in comparison.category_changes.items() if c]
        if changed:
            notes.append({"code": "category_depends", "methods": changed})
    latest = selection.latest_row
    if latest is not None and source_kind(latest["source_url"]) == "repost":
        notes.append({"code": "repost_only", "year": int(latest["year"])})
    return notes


def answer_row(result: Answer, methods) -> dict:
    """The row fields an :class:`~sjzforecast.answer.Answer` gives (rates in percent a year)."""
    base_year, target = result.base_year, result.target
    base_value = float(result.series[base_year])
    main = result.assessments.set_index("method")
    row = dict(unit=result.unit, decimals=result.decimals, base_year=base_year,
               growth_basis=result.growth_basis.to_json(), latest_year=result.latest_year,
               latest_value=result.latest_value, latest_decimals=observation_decimals(result.selection.latest_row),
               latest_lower_bound=result.latest_is_lower_bound, latest_meets=result.latest_meets,
               direction=target.direction, target_level=target.level,
               achieved_growth=result.achieved_growth_from_base, required_growth=result.required_growth_from_base,
               required_from_latest=result.required_growth_from_latest,
               **{f"{column}_bound": result.growth_bounds[field] for column, field in GROWTH_FIELDS.items()},
               peer_share=result.peer_feasibility.share if result.peer_feasibility else None,
               peer_share_bound=share_bound(result.growth_bounds["required_growth_from_latest"]),
               probability=result.p_meet, progress=progress_share(base_value, result.latest_value, target.level),
               elapsed=(result.latest_year - base_year) / (target.year - base_year) if target.year > base_year else None)
    row.update({f"category_{m}": main.loc[m, "category"] for m in methods})
    reasons = [f"{m}: {main.loc[m, 'reason']}" for m in methods if main.loc[m, "category"] == "not_assessable"]
    row["reason"] = "; ".join(dict.fromkeys(reasons))
    return row


def unassessable_code(selection) -> tuple[str, dict]:
    """Reason code and values (:mod:`sjzforecast.progress.reasons`) of a question that could not be
    answered: ``no_observations``, ``too_few_observations``, or ``("", {})`` for another reason
    (then only the error's English text explains it)."""
    if selection is None:
        return "no_observations", {}
    if len(selection.series) < MIN_POINTS:
        return "too_few_observations", {"count": len(selection.series)}
    return "", {}


def indicator_row(fields: dict, target_row, methods, observations: pd.DataFrame,
                  targets: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    """One dashboard row: :func:`~sjzforecast.answer.answer` of ``Question(**fields)``, and its long assessments.

    Never raises for sparse or missing data: a question that cannot be asked or answered gives
    ``not_assessable`` for every method, with the reason.  The series is selected once: the
    answer's (:attr:`~sjzforecast.answer.Answer.selection`), or where there is no answer,
    :func:`~sjzforecast.question.series_of` for the latest observation and the quality notes.

    Row keys: ``target_id, indicator, name_zh, name_en, unit`` (of the indicator's level), ``decimals``
    (the precision levels are shown with, :attr:`~sjzforecast.answer.Answer.decimals`),
    ``kind, target_year, plan_base_year``, ``base_year`` and ``growth_basis`` (the year growth is measured
    from and how it relates to the plan's base year: :func:`~sjzforecast.answer.growth_basis`, as JSON),
    ``latest_year, latest_value, latest_decimals`` (the decimals it was published with,
    :func:`~sjzforecast.formats.observation_decimals`), ``latest_lower_bound`` (published as a lower bound),
    ``latest_meets`` (:attr:`~sjzforecast.answer.Answer.latest_meets`),
    ``direction, target_level, achieved_growth`` and ``required_growth``
    (from the base year), ``required_from_latest`` (all three in percent a year), and whether each is only a
    bound: ``achieved_growth_bound, required_growth_bound, required_from_latest_bound``
    (:attr:`~sjzforecast.answer.Answer.growth_bounds`),
    ``peer_share`` and ``peer_share_bound`` (a lower bound where the growth it is measured against is an upper
    one: :func:`~sjzforecast.effort.share_bound`), ``probability`` (P(meet), the briefing's), ``category_<method>``,
    ``reason``, ``progress``, ``elapsed``, ``quality`` (``ok`` or ``check``), ``quality_notes`` and
    ``lower_bound_years`` (:attr:`~sjzforecast.series.SeriesSelection.lower_bound_years`).
    """
    row = {k: target_row[k] for k in ("target_id", "indicator", "name_zh", "name_en")}
    row.update(unit="", decimals=None, kind=target_row["target_kind"], target_year=fields["target_year"],
               plan_base_year=int(target_row["base_year"]), base_year=int(target_row["base_year"]), growth_basis=None,
               latest_year=None, latest_value=None, latest_decimals=None, latest_lower_bound=None, latest_meets=None,
               direction=None, target_level=None,
               achieved_growth=None, required_growth=None, required_from_latest=None,
               **{f"{column}_bound": None for column in GROWTH_FIELDS}, peer_share=None, peer_share_bound=None,
               probability=None, progress=None, elapsed=None)
    basis = None
    try:
        result = answer(Question(**fields), observations, targets)
    except ValueError as exc:
        try:
            selection = series_of(fields, observations)
        except ValueError as no_data:
            selection, reason = None, f"no data: {no_data}"
        else:
            reason = str(exc)
            row.update(unit=selection.unit, latest_year=int(selection.series.index[-1]),
                       latest_value=float(selection.series.iloc[-1]),
                       latest_decimals=observation_decimals(selection.latest_row),
                       latest_lower_bound=selection.latest_is_lower_bound)
        row.update({f"category_{m}": "not_assessable" for m in methods}, reason=reason)
        long = not_assessable(reason, methods, *unassessable_code(selection)).assign(variant="main",
                                                                                     target_level=np.nan)
    else:
        selection, basis = result.selection, result.growth_basis
        row.update(answer_row(result, methods))
        long = variant_assessments(result, observations, targets)
    long = long[long["method"].isin(methods)]
    comparison = VariantComparison(long) if long["variant"].nunique() > 1 else None
    notes = (quality_notes(selection, row["base_year"], comparison, basis) if selection is not None
             else [{"code": "no_observations"}])
    row.update(quality="check" if notes else "ok", quality_notes=notes,
               lower_bound_years=[] if selection is None else list(selection.lower_bound_years))
    return row, long.assign(target_id=row["target_id"])


def indicator_direction(targets: pd.DataFrame, indicator: str) -> str:
    """The desired direction (``increase`` or ``decrease``) of ``indicator``: the ``direction`` of
    its targets in ``targets``, ``increase`` where no target names the indicator."""
    directions = targets.loc[targets["indicator"] == indicator, "direction"]
    return str(directions.iloc[0]) if len(directions) else "increase"


def track_record(observations: pd.DataFrame, region: str, targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Earlier targets in the data against their outcomes.

    Every ``<indicator>_target`` row of ``region`` (a target, not an outcome) is set against
    the ``<indicator>`` observation of the same year, if any: e.g. 石家庄's previous plan
    aimed at an R&D intensity of 2.5 % in 2015, and 1.83 % was reached.  A target is met when
    the outcome is at or beyond it in the indicator's desired direction
    (:func:`indicator_direction`): :math:`d\\,(y - L) \\ge 0` with :math:`d = +1` for
    ``increase`` and :math:`-1` for ``decrease``.

    Parameters
    ----------
    observations : DataFrame
    region : str
    targets : DataFrame, optional
        Targets giving each indicator's direction (default: ``data/targets.yaml``).

    Returns
    -------
    DataFrame
        ``indicator, year, target, outcome, met, gap`` (outcome minus target), ``unit``, ``source_url``;
        ``outcome``, ``met`` and ``gap`` are empty when the outcome is not observed.
    """
    targets = data_module.load_targets() if targets is None else targets
    rows = observations[(observations["region"] == region) & observations["indicator"].str.endswith(TARGET_SUFFIX)]
    out = []
    for r in rows.sort_values(["indicator", "year"]).itertuples():
        indicator = r.indicator[: -len(TARGET_SUFFIX)]
        try:
            outcome_series = select_series(observations, region, indicator).series
        except ValueError:
            outcome_series = pd.Series(dtype=float)
        outcome = float(outcome_series[r.year]) if r.year in outcome_series.index else None
        sign = direction_sign(indicator_direction(targets, indicator))
        out.append({"indicator": indicator, "year": int(r.year), "target": float(r.value), "outcome": outcome,
                    "met": None if outcome is None else bool(reaches(outcome, r.value, sign)),
                    "gap": None if outcome is None else outcome - r.value, "unit": r.unit,
                    "source_url": r.source_url})
    return pd.DataFrame(out, columns=["indicator", "year", "target", "outcome", "met", "gap", "unit", "source_url"])


def build_dashboard(region: str = "石家庄", target_year: int = 2025, methods=tuple(METHODS), mode: str = "plan",
                    observations: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
                    n_paths: int = 10_000, seed: int = 0, peers: bool = True, **question_fields) -> Dashboard:
    """Answer every target of the plan for one region and target year.

    Each row is :func:`~sjzforecast.answer.answer` of the :class:`~sjzforecast.question.Question`
    a briefing of that target would ask (same defaults), so P(meet), the categories and the
    required growth are the briefing's to the last digit.

    Parameters
    ----------
    region : str
        A region of the observations.
    target_year : int
        Year every target is judged in (2025, 2030, 2035); targets are read in that year in ``mode``.
    methods : sequence of str
        Keys of :data:`sjzforecast.progress.METHODS` shown in the table.
    observations, targets : DataFrame, optional
        Frames to use instead of the data files.
    n_paths, seed, peers
        Simulation and calibration, as in the question.
    **question_fields
        Further :class:`~sjzforecast.question.Question` fields for every row (``end_year``,
        ``observations`` files as ``observation_files``, ``as_of``, ``targets`` file as ``targets_file``).

    Raises
    ------
    SjzforecastError
        Unknown region or method, or a region without a plan (a bad indicator never raises: it
        is ``not_assessable``).
    """
    files = {"observations": tuple(question_fields.pop("observation_files", ())),
             "targets": question_fields.pop("targets_file", None)}
    methods = tuple(methods)
    if not methods:
        raise SjzforecastError(f"methods: none given; give one or more of {sorted(METHODS)}")
    for method in methods:
        get_method(method)  # names an unknown method, with a did-you-mean
    methods = tuple(dict.fromkeys(METHODS.canonical(m) for m in methods))  # "unsd" is "unsd2023"
    default_obs, default_targets = load_data(**files)
    observations = default_obs if observations is None else observations
    targets = default_targets if targets is None else targets
    regions = sorted(observations["region"].unique())
    if region not in regions:
        raise SjzforecastError(f"region = {region!r}: no observations for this region{did_you_mean(region, regions)}")
    plan = data_module.region_plan(targets, region)
    rows, longs = [], []
    for _, target_row in plan.iterrows():
        fields = dict(region=region, indicator=target_row["indicator"], target=target_row["target_id"],
                      target_year=target_year, target_mode=mode, n_paths=n_paths, seed=seed, peers=peers,
                      **files, **question_fields)
        row, long = indicator_row(fields, target_row, methods, observations, targets)
        rows.append(row)
        longs.append(long)
        logger.info("%s %s: %s", region, row["target_id"], [row[f"category_{m}"] for m in methods])
    assessments = pd.concat([long.dropna(axis=1, how="all") for long in longs], ignore_index=True)
    assessments = assessments[["target_id", *[c for c in assessments.columns if c != "target_id"]]]
    if "probability" not in assessments:  # every probability was empty (no probability method): keep the column
        assessments["probability"] = np.nan
    table = pd.DataFrame(rows).astype({"latest_year": "Int64", "decimals": "Int64",  # years, not 2024.0
                                       "latest_decimals": "Int64"})
    return Dashboard(region, int(target_year), methods, table, assessments,
                     track_record(observations, region, targets), mode, question_fields.get("as_of"))


def nowcast_note(dashboard: Dashboard, language: str = "zh", today: datetime.date | None = None) -> str:
    """Where the target year has ended (as of ``today``: by default the dashboard's
    :func:`~sjzforecast.answer.reference_date`) and the data of some rows with a P(meet) stop before it, that
    P(meet) is a nowcast of figures still to come (:func:`~sjzforecast.answer.nowcast_years`); ``""`` otherwise."""
    today = today or reference_date(dashboard.as_of)
    year, table = dashboard.target_year, dashboard.table
    latest = table.loc[table["probability"].notna(), "latest_year"].dropna().astype(int)
    waiting = [y for y in latest if year in nowcast_years(y, year, today)]
    return t("dashboard_nowcast_note", language, year=year, n=len(waiting)) if waiting else ""


def display_table(dashboard: Dashboard, language: str = "zh") -> pd.DataFrame:
    """The dashboard table for reading, every column named and every value worded in ``language``: indicator
    names, units, categories, quality and why a method could not assess (:func:`unassessable_reasons`); levels
    in the row's unit, growth rates in %/yr, shares and P(meet) in %, each named so in its column;
    ``growth_since`` says which year growth from the base year is measured from (:func:`~sjzforecast.i18n.growth_since`).
    The target year, the dashboard's own, is left out, so that a notebook shows every column (20 at most)."""
    check_language(language)
    table = dashboard.table.copy()
    table.insert(0, "indicator_label", table["name_zh" if language == "zh" else "name_en"])
    for col in ("peer_share", "probability", "progress"):
        table[col] = 100 * table[col].astype(float)
    rates = ("achieved_growth", "required_growth", "required_from_latest")
    table[list(rates)] = table[list(rates)].astype(float)
    table["latest_year"] = table["latest_year"].astype("Int64")
    separator = t("semicolon", language)
    table["quality_notes"] = [separator.join(quality_note(n, language) for n in notes) for notes in table["quality_notes"]]
    table["growth_since"] = [growth_since(b, language) if b else "" for b in table["growth_basis"]]
    reasons = unassessable_reasons(dashboard, language)
    table["reason"] = [separator.join(dict.fromkeys(r["text"] for r in reasons.get(target_id, {}).values()))
                       for target_id in table["target_id"]]
    table["unit"] = [unit_label(u, language) for u in table["unit"]]
    table["latest_lower_bound"] = [yes_no(b, language) for b in table["latest_lower_bound"]]
    table["quality"] = [t(f"quality_{q}", language) for q in table["quality"]]
    for m in dashboard.methods:
        table[f"category_{m}"] = [category_label(c, language) for c in table[f"category_{m}"]]
    labels = display_labels(dashboard, language)
    return table[list(labels)].rename(columns=labels).set_index(labels["indicator_label"])


def display_labels(dashboard: Dashboard, language: str = "zh", units: bool = True) -> dict[str, str]:
    """The columns of :func:`display_table`, in order: ``{column of Dashboard.table: its heading in language}``;
    rates and percentages name their unit in the heading unless ``units`` is False (where the cells name it,
    :func:`shown_numbers`)."""
    rate, percent = (f" ({unit_label('%/yr', language)})", " (%)") if units else ("", "")
    return {"indicator_label": t("indicator", language), "unit": t("check_col_unit", language),
            "latest_year": t("last_data_year", language), "latest_value": t("latest", language),
            "latest_lower_bound": t("lower_bound_column", language), "target_level": t("target_level", language),
            "achieved_growth": f"{t('achieved_growth', language)}{rate}",
            "required_growth": f"{t('required_growth', language)}{rate}",
            "growth_since": t("growth_measured", language),
            "required_from_latest": f"{t('required_growth_from_latest', language)}{rate}",
            "peer_share": f"{t('peer_share', language)}{percent}",
            "probability": f"{t('probability_of_meeting', language)}{percent}",
            **{f"category_{m}": method_name(m, language) for m in dashboard.methods},
            "quality": t("quality", language), "quality_notes": t("quality_notes", language),
            "reason": t("reason", language)}


def build_payload(dashboard: Dashboard, language: str = "zh") -> dict:
    """Everything the dashboard HTML needs, as plain JSON data.

    Keys: ``kind`` (``"dashboard"``), ``language``, ``region``, ``region_label``,
    ``target_year``, ``mode``, ``nowcast_note`` (:func:`nowcast_note`), ``methods``, ``table`` (records of
    :attr:`Dashboard.table`, with ``met_below_certain``: :func:`met_below_certain`), ``shown`` (the
    numbers of ``table``, ``track_record`` and ``variants`` as text, one entry per row of each:
    :func:`shown_numbers`, :func:`shown_track_record`, :func:`shown_variants`),
    ``reasons`` (:func:`unassessable_reasons`),
    ``chart_data`` (records of :meth:`Dashboard.chart_data`), ``variants`` (records of
    :meth:`Dashboard.variant_summary`), ``assessments`` (records) and ``track_record``
    (records).  Missing numbers are ``None``.
    """
    check_language(language)

    def records(frame):
        return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")

    shown, met = shown_numbers(dashboard, language), met_below_certain(dashboard.table)
    return jsonable({
        "kind": "dashboard", "language": language, "region": dashboard.region, "answer": answer_block(dashboard),
        "charts": {"dashboard": dashboard_chart(dashboard, language, shown, met).to_dict()},
        "region_label": region_name(dashboard.region, language), "target_year": dashboard.target_year,
        "mode": dashboard.mode, "nowcast_note": nowcast_note(dashboard, language),
        "methods": list(dashboard.methods),
        "table": records(dashboard.table.assign(met_below_certain=met)),
        "shown": {"table": records(shown),
                  "track_record": records(shown_track_record(dashboard, language)),
                  "variants": shown_variants(dashboard)},
        "reasons": unassessable_reasons(dashboard, language),
        "chart_data": records(dashboard.chart_data()), "variants": records(dashboard.variant_summary()),
        "assessments": records(dashboard.assessments.drop(columns=["first_year_distribution"], errors="ignore")),
        "track_record": records(dashboard.track_record),
    })


def row_decimals(decimals) -> int | None:
    """The precision a row's levels are shown with (its ``decimals``, the data's; for the latest value its
    ``latest_decimals``, as published), None where the row has none: the target, the forecasts and the reasons'
    levels of one row share the data's."""
    return None if pd.isna(decimals) else int(decimals)


def shown_numbers(dashboard: Dashboard, language: str = "zh") -> pd.DataFrame:
    """Every number of the dashboard table as text, the one formatting of the page and the notebook's table.

    One row per row of :attr:`Dashboard.table` (same index), columns :data:`SHOWN_COLUMNS`: the latest value
    in the row's unit with the decimals it was published with (``latest_decimals``; ``超过 15,000 家`` for a
    value published as a lower bound), the target at the row's precision (:func:`row_decimals`), growth rates
    in %/yr to one decimal, read as a bound where they are one (``至多 4.3 %/年``,
    :func:`~sjzforecast.formats.format_rate`), the peer share and P(meet) in whole percent (the peer share
    ``至少 4 %`` where it is a bound, P(meet) "not known" where a lower bound leaves it so,
    :func:`~sjzforecast.formats.format_p_meet`), and "—" where there is no number.
    """
    rows = dashboard.table
    shown = pd.DataFrame(index=rows.index)
    decimals = [row_decimals(d) for d in rows["decimals"]]
    bounds = rows["latest_lower_bound"].eq(True)  # None where no series was read
    shown["latest_value"] = [format_value(x, unit, language, row_decimals(d), lower_bound=bound) for x, unit, d, bound
                             in zip(rows["latest_value"], rows["unit"], rows["latest_decimals"], bounds)]
    shown["target_level"] = [format_value(x, unit, language, d)
                             for x, unit, d in zip(rows["target_level"], rows["unit"], decimals)]
    for column in GROWTH_FIELDS:
        shown[column] = [format_rate(x, language, bound) for x, bound in zip(rows[column], rows[f"{column}_bound"])]
    shown["peer_share"] = [format_probability(x, language, bound)
                           for x, bound in zip(rows["peer_share"], rows["peer_share_bound"])]
    shown["probability"] = [format_p_meet(p, language, bound) for p, bound in zip(rows["probability"], bounds)]
    return shown[list(SHOWN_COLUMNS)]


def shown_track_record(dashboard: Dashboard, language: str = "zh") -> pd.DataFrame:
    """The levels of the track record (:attr:`Dashboard.track_record`) as text, for the page and the notebook:
    ``target, outcome`` and ``gap`` (signed, :func:`~sjzforecast.formats.format_difference`) in their unit, at
    the precision of the indicator's row of the dashboard (the first that has one), else of the two values."""
    record, table = dashboard.track_record, dashboard.table
    plan_decimals = table.dropna(subset=["decimals"]).drop_duplicates("indicator").set_index("indicator")["decimals"]
    rows = list(record.astype(object).where(record.notna(), None).itertuples())
    decimals = [int(plan_decimals[r.indicator]) if r.indicator in plan_decimals.index
                else decimals_of([r.target, r.outcome], 2) for r in rows]
    return pd.DataFrame({"target": [format_value(r.target, r.unit, language, d) for r, d in zip(rows, decimals)],
                         "outcome": [format_value(r.outcome, r.unit, language, d) for r, d in zip(rows, decimals)],
                         "gap": [format_difference(r.gap, r.unit, language, d) for r, d in zip(rows, decimals)]},
                        index=record.index)


def shown_variants(dashboard: Dashboard) -> list[str]:
    """The range of P(meet) over the variants of each row of :meth:`Dashboard.variant_summary`, as text
    (:func:`~sjzforecast.formats.format_probability_range`), for the page and the notebook."""
    summary = dashboard.variant_summary()
    return [format_probability_range(lo, hi) for lo, hi in zip(summary["probability_min"], summary["probability_max"])]


def unassessable_reasons(dashboard: Dashboard, language: str = "zh") -> dict[str, dict[str, dict]]:
    """Why a method found a target not assessable, in ``language``: ``{target_id: {method: {"text", "lang"}}}``.

    The reason is worded from its code (:func:`~sjzforecast.progress.format_reason`, levels in the
    target's unit at the row's precision, a value published as a lower bound read as one); a reason
    without a code is the error's English text, so its ``lang`` is ``en``.
    """
    table = dashboard.table.set_index("target_id")
    frame = dashboard.assessments
    frame = frame[(frame["variant"] == "main") & (frame["category"] == "not_assessable")]
    out: dict[str, dict[str, dict]] = {}
    for row in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        coded = bool(row.get("reason_code"))
        target = table.loc[row["target_id"]]
        text = format_reason(row, language, unit_label(target["unit"], language), row_decimals(target["decimals"]),
                             target["lower_bound_years"])
        out.setdefault(row["target_id"], {})[row["method"]] = {"text": text, "lang": language if coded else "en"}
    return out


def answer_block(dashboard: Dashboard) -> dict:
    """The machine-readable dashboard (the ``sjz-dashboard`` block): one row per target.

    Row keys: ``target_id, indicator, unit`` (of the levels), ``latest_year, latest_value,
    latest_lower_bound, target_level, p_meet``, ``required_growth_from_latest`` and ``required_growth_from_base``
    (%/yr) and whether each is only a bound (``..._bound``: ``upper`` or None,
    :func:`~sjzforecast.answer.growth_bound`), ``base_year`` and ``growth_basis``
    (:func:`~sjzforecast.answer.growth_basis`) and ``categories`` (method -> category).
    """
    rows = []
    for r in dashboard.table.astype(object).where(dashboard.table.notna(), None).to_dict(orient="records"):
        rows.append({"target_id": r["target_id"], "indicator": r["indicator"], "unit": r["unit"],
                     "target_year": r["target_year"], "latest_year": r["latest_year"],
                     "latest_value": r["latest_value"], "latest_lower_bound": r["latest_lower_bound"],
                     "target_level": r["target_level"], "p_meet": r["probability"],
                     "required_growth_from_latest": r["required_from_latest"],
                     "required_growth_from_base": r["required_growth"],
                     "required_growth_from_latest_bound": r["required_from_latest_bound"],
                     "required_growth_from_base_bound": r["required_growth_bound"], "base_year": r["base_year"],
                     "growth_basis": r["growth_basis"],
                     "categories": {m: r[f"category_{m}"] for m in dashboard.methods}})
    return {"region": dashboard.region, "target_year": dashboard.target_year, "rate_unit": "%/yr", "rows": rows}


def dashboard_chart(dashboard: Dashboard, language: str = "zh", shown: pd.DataFrame | None = None,
                    met: pd.Series | None = None):
    """The dashboard as a chart: a category badge and a P(meet) bar per target.

    Categories are those of :data:`CHART_METHOD` when it was run, else of the first method; the tooltip
    words P(meet) as the table does (``shown``, :func:`shown_numbers`).  Where a target that the latest
    observation already meets has a P(meet) under 100 % (``met``, :func:`met_below_certain`), a note under the
    title says what each of the two is about.  ``shown`` and ``met`` are computed where not given
    (:func:`build_payload` passes the ones it publishes).
    """
    method = CHART_METHOD if CHART_METHOD in dashboard.methods else dashboard.methods[0]
    table = dashboard.table
    shown = shown_numbers(dashboard, language) if shown is None else shown
    met = met_below_certain(table) if met is None else met
    notes = ([t("met_p_meet_note", language, achieved=category_label("target_achieved", language),
                year=dashboard.target_year)] if met.any() else [])
    frame = pd.DataFrame({"indicator": table["name_zh" if language == "zh" else "name_en"],
                          "category": table[f"category_{method}"],
                          "probability": table["probability"].astype(float),
                          "p_meet": shown["probability"]})
    return charts.dashboard_chart(frame, language, title=f"{t('dashboard', language)} · {method_name(method, language)}",
                                  notes=notes)


def met_below_certain(table: pd.DataFrame) -> pd.Series:
    """Rows whose latest observation already meets the target but whose P(meet) in the target year is under 1."""
    return table["latest_meets"].eq(True) & table["probability"].astype(float).lt(1)


def publish(dashboard: Dashboard, language: str = "zh") -> None:
    """Display the dashboard payload (read back by the batch for the HTML)."""
    payload = build_payload(dashboard, language)
    summary = t("page_data_dashboard", language, region=payload["region_label"], year=payload["target_year"],
                n=len(payload["table"]))
    publish_payload(payload, t("page_data", language, summary=summary))
