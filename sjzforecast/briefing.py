"""Briefings: the payload a notebook publishes, and the charts and tables in it.

Every function here shows an :class:`~sjzforecast.answer.Answer` and computes nothing of its
own.  The page leads with the asked scenario (:func:`headline`); the business-as-usual P(meet)
stays as labelled context (:func:`bau_context`).  The notebook's last cell calls
:func:`publish`, which displays the payload (:mod:`sjzforecast.payload`), with the answer's
``sjz-answer`` block.  The batch reads it back from the executed notebook and renders
self-contained HTML from it with :func:`sjzforecast.render.render_briefing`.
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from . import charts
from .answer import year_reached
from .effort import share_bound
from .formats import (format_difference, format_p_meet, format_probability, format_published, format_rate,
                      format_value, observation_decimals, unit_label, year_ranges)
from .i18n import (LANGUAGES, category_label, check_language, growth_since, join_list,
                   join_sentences, method_label, method_name, name_of, probability_phrase, quality_note, region_name,
                   scenario_label, t, verbal_probability)
from .models import AUTO_MIN_POINTS
from .models.auto import SELECTION_HORIZON, SELECTION_ORIGINS
from .models.calibration import CALIBRATION_ORIGINS
from .models.combination import member_of_label
from .notes import shown_note
from .payload import jsonable
from .plausibility import JUMP_FACTOR, jumps
from .progress import LEAD_METHOD
from .sources import citation
from .payload import publish as publish_payload

logger = logging.getLogger(__name__)


def indicator_name(result, language: str) -> str:
    return result.target.name_zh if language == "zh" else result.target.name_en


def assumption_text(scenario: str, quantile: float | None, rates: dict | None, language: str) -> str:
    """What defines a scenario, for its headline and cards (``""`` for the others).

    ``high`` and ``low``: `` (the 0.9 quantile of the business-as-usual paths)``; ``growth``:
    `` (assumed growth 8.0 %/yr)`` or one rate per span of years; ``drivers``: the R&D and GDP
    growth (:attr:`~sjzforecast.answer.Lead.rates`); ``target_path``: `` (4.3 %/yr from 2023)``, the
    growth it takes; rates by :func:`~sjzforecast.formats.format_rate`.
    """
    if quantile is not None:
        return t("scenario_quantile", language, q=f"{quantile:g}")
    if not rates:
        return ""
    if scenario == "target_path":
        return t("scenario_rates_target_path", language, rate=format_rate(rates["target_path"], language),
                 year=rates["since"])
    if scenario == "drivers":
        return t("scenario_rates_drivers", language, rd=format_rate(rates["rd_growth"], language),
                 gdp=format_rate(rates["gdp_growth"], language),
                 source=t("gdp_from_data", language) if rates.get("gdp_from_data") else "")
    by_year = rates.get("growth_by_year") or {}
    text = t("semicolon", language).join(
        f"{str(years).replace('-', '–')}{t('colon', language)}{format_rate(rate, language)}"
        for years, rate in by_year.items())
    return t("scenario_rates_growth", language, rates=text or format_rate(rates.get("growth"), language))


def lead_assumption(lead, language: str) -> str:
    """:func:`assumption_text` of an answer's :class:`~sjzforecast.answer.Lead`."""
    return assumption_text(lead.scenario, lead.quantile, lead.rates, language)


def headline(result, language: str = "zh") -> str:
    """One sentence about the asked scenario in the target year.

    Business as usual: the probability of meeting the target and its verbal phrase.  Any other
    scenario: its value in the target year, whether it meets the target, and the gap (the
    business-as-usual probability follows as context, see :func:`bau_context`).  A target year
    already observed: the observation decides.
    """
    check_language(language)
    target, lead = result.target, result.lead
    decimals = result.decimals  # the precision of the data

    def level(x):
        return format_value(x, result.unit, language, decimals)

    if result.target_observed:
        verdict = "met_unknown" if lead.meets is None else "met" if lead.meets else "not_met"
        return t("headline_observed", language, year=target.year, verdict=t(verdict, language),
                 value=format_value(result.latest_value, result.unit, language,
                                    observation_decimals(result.selection.latest_row),
                                    lower_bound=result.latest_is_lower_bound))
    if lead.scenario == "bau":
        return t("headline", language, year=target.year, level=level(target.level),
                 p=format_probability(result.p_meet), phrase=t(verbal_probability(result.p_meet), language))
    return t("headline_scenario", language, scenario=scenario_label(lead.scenario, language),
             assumption=lead_assumption(lead, language), year=target.year, value=level(lead.value),
             verdict=t("meets" if lead.meets else "misses", language), level=level(target.level),
             gap=format_difference(lead.gap, result.unit, language, decimals))


def bau_context(result, language: str = "zh") -> str:
    """The business-as-usual P(meet), labelled as context, when another scenario leads ("" otherwise)."""
    if result.scenario == "bau" or result.target_observed:
        return ""
    return t("bau_context", language, year=result.target.year, p=format_probability(result.p_meet),
             phrase=t(verbal_probability(result.p_meet), language))


def forecast_context(result, language: str = "zh") -> str:
    """Business as usual's median in the target year and its growth from the latest observation
    (:attr:`~sjzforecast.answer.Answer.lead_growth`) beside the growth the target requires: the median
    grows faster than required exactly when P(meet) is above one half.  Without the requirement where the
    latest observation already meets the target; ``""`` for another scenario or an observed target year."""
    if result.scenario != "bau" or result.lead_growth is None:
        return ""
    bounds = result.growth_bounds
    fields = dict(year=result.target.year, since=result.latest_year,
                  value=format_value(result.lead.value, result.unit, language, result.decimals),
                  growth=format_rate(result.lead_growth, language, bounds["lead_growth"]))
    if result.latest_meets:
        return t("forecast_context_met", language, **fields)
    return t("forecast_context", language, **fields, required=format_rate(
        result.required_growth_from_latest, language, bounds["required_growth_from_latest"]))


def nowcast_note(result, language: str = "zh", today=None) -> str:
    """Which of the page's years have ended without a published figure, so that their values are nowcasts
    (:meth:`~sjzforecast.answer.Answer.nowcast_years`; ``today`` as there); ``""`` where none has."""
    years = result.nowcast_years(today)
    if not years:
        return ""
    return t("nowcast_note", language, years=year_ranges(years), latest=result.latest_year)


def chart_title(result, language: str = "zh") -> str:
    return f"{region_name(result.region, language)} · {indicator_name(result, language)}"


def observed_frame(result, language: str = "zh") -> pd.DataFrame:
    """The observations the model used, with their provenance, sorted by year; each source and data-file
    note as a page in ``language`` shows it (:func:`source_text`, :func:`~sjzforecast.notes.shown_note`), and
    the decimals each value is shown with (:func:`~sjzforecast.formats.observation_decimals`)."""
    rows = result.selection.rows
    used = rows[rows["used"]].sort_values("year")
    return used.assign(decimals=[observation_decimals(row) for _, row in used.iterrows()],
                       source_url=[source_text(url, language) for url in used["source_url"]],
                       derived=[str(shown_note(note, language)) for note in used["derived"]])


def source_text(url: str | None, language: str = "zh") -> str:
    """An observation's source as the data table cites it (:func:`~sjzforecast.sources.citation`): a web
    address, or a shipped plan by its title and document number, not its file's path; on an English page
    with the plan's English title after it.

    >>> source_text("石家庄市科技创新“十四五”规划 (石政办发〔2022〕7号), ../sources/plan.txt", "en")
    '石家庄市科技创新“十四五”规划 (石政办发〔2022〕7号) (Shijiazhuang plan for S&T innovation, 2021–2025)'
    """
    cited = citation(url)
    return f"{cited.text} ({t('plan_title', language)})" if cited.shipped_path and language != "zh" else cited.text


def bau_suffix(result, language: str = "zh") -> str:
    """`` (business as usual)`` for the charts of the simulated paths when another scenario leads the page."""
    return "" if result.scenario == "bau" else t("bau_suffix", language)


def fan_chart(result, language: str = "zh"):
    """The fan chart of an :class:`~sjzforecast.answer.Answer` (the business-as-usual paths)."""
    return charts.fan_chart(observed_frame(result, language), result.forecast, result.target.level,
                            result.target.year, result.target_path, language=language,
                            title=chart_title(result, language) + bau_suffix(result, language),
                            unit=result.unit, probability=None if result.target_observed else result.p_meet,
                            decimals=result.decimals, nowcast=nowcast_span(result))


def nowcast_span(result, today=None) -> tuple[int, int] | None:
    """The first and last of :meth:`~sjzforecast.answer.Answer.nowcast_years` (the fan and scenario charts shade
    them), or None."""
    years = result.nowcast_years(today)
    return (years[0], years[-1]) if years else None


def first_passage_chart(result, language: str = "zh"):
    """P(target reached at least once by each year) of an :class:`~sjzforecast.answer.Answer`; where an
    observation has already reached the target, every year reads 100 %, and a note under the title says
    why, beside P(meet) (:func:`reached_note`)."""
    frame = pd.DataFrame({"year": result.p_reached_by.index.astype(int),
                          "probability": result.p_reached_by.to_numpy()})
    return charts.first_passage_chart(frame, result.target.year, language,
                                      title=t("first_passage", language) + bau_suffix(result, language),
                                      note=reached_note(result, language))


def reached_note(result, language: str = "zh") -> str:
    """Why P(reached by each year) is 100 % beside a lower P(meet): the year an observation reached the
    target, and that P(meet) is about the target year's value alone (``""`` where none has reached it)."""
    target = result.target
    year = year_reached(result.selection, target.level, target.direction)
    if year is None:
        return ""
    return t("reached_observed_note", language, year=year, target_year=target.year,
             p=format_p_meet(result.p_meet, language, result.latest_is_lower_bound))


def growth_chart(result, language: str = "zh"):
    """Observations and a path at a growth rate the reader sets with a slider (starts at the recent pace), the
    growth required from the latest observation named under the title, read as a bound where it is one
    (:attr:`~sjzforecast.answer.Answer.growth_bounds`): ``至多 15.5 %/年`` from a value published as a lower
    bound."""
    rates = [g / 100 for g in (result.recent_growth, result.required_growth_from_latest) if g is not None]
    start = rates[0] if rates else 0.05
    lo = round(min([0.0, *rates]) - 0.05, 2)
    hi = round(max([0.1, *rates]) + 0.05, 2)
    end_year = max(int(result.forecast.index.max()), result.target.year)
    required = result.required_growth_from_latest
    notes = [] if required is None else [t("growth_chart_required", language, year=result.latest_year, rate=format_rate(
        required, language, result.growth_bounds["required_growth_from_latest"]))]
    return charts.growth_chart(observed_frame(result, language), result.latest_year, result.latest_value, end_year,
                               result.target.level, result.target.year, growth=start, growth_range=(lo, hi),
                               language=language, unit=result.unit, decimals=result.decimals, notes=notes)


def peer_share(result, language: str = "zh") -> dict | None:
    """The share of province-periods that grew at least as fast as the growth still required
    (:attr:`~sjzforecast.answer.Answer.peer_feasibility`), as the page shows it: ``share`` and the ``note`` under
    it, both read as bounds where the required growth is one (a latest value published as a lower bound: the
    growth required is at most the rate, the share at least the one shown, :func:`~sjzforecast.effort.share_bound`);
    None without peers."""
    peers = result.peer_feasibility
    if peers is None:
        return None
    bound = result.growth_bounds["required_growth_from_latest"]
    note = t("peer_share_note" if bound is None else f"peer_share_note_{bound}", language, span=peers.span,
             rate=format_rate(100 * peers.required, language, bound), plain=format_rate(100 * peers.required, language),
             achieved=peers.periods_achieved, periods=peers.periods)
    return {"share": format_probability(peers.share, language, share_bound(bound)), "note": note}


def scenario_chart(result, language: str = "zh"):
    """All scenarios of the answer in one chart, the nowcast years shaded (:func:`nowcast_span`)."""
    return charts.scenario_chart(result.scenario_frame(), language, unit=result.unit, decimals=result.decimals,
                                 nowcast=nowcast_span(result))


def scenario_rows(result, language: str = "zh") -> dict:
    """:meth:`~sjzforecast.answer.Answer.scenario_summary` for the HTML: years and rows, the asked scenario first,
    each with what defines it (:func:`assumption_text`: a quantile, an assumed growth, the drivers' rates)."""
    summary = result.scenario_summary()
    order = [result.scenario, *[name for name in summary.index if name != result.scenario]]
    years = [c for c in summary.columns if c != "meets_target"]
    rows = [{"scenario": name, "label": scenario_label(name, language), "lead": name == result.scenario,
             "assumption": assumption_text(name, result.scenario_quantile(name), result.scenario_rates(name),
                                           language),
             "values": [summary.loc[name, y] for y in years], "meets_target": summary.loc[name, "meets_target"]}
            for name in order if name in summary.index]
    return {"years": years, "rows": rows}


def assessment_rows(result, language: str = "zh") -> list[dict]:
    """The answer's assessments as rows for the HTML: method, category, its label, the method's own label
    (``label``, as published, and ``label_text``, in ``language``: :func:`~sjzforecast.i18n.method_label`),
    and the reason in ``language`` (:func:`~sjzforecast.progress.format_reason`)."""
    from .progress import format_reason

    unit = unit_label(result.unit, language)
    return [{"method": r.method, "category": r.category, "category_label": category_label(r.category, language),
             "label": r.label, "label_text": method_label(r.label, language),
             "reason": format_reason(r, language, unit, result.decimals, result.selection.lower_bound_years),
             "ratio": r.ratio}
            for r in result.assessments.itertuples()]


def data_table(result, language: str = "zh") -> pd.DataFrame:
    """Every observation considered, with provenance and whether it was used: columns, values (as published,
    :func:`~sjzforecast.formats.observation_decimals`), units, flags and data-file notes in ``language``, as the
    page's data table."""
    rows = result.selection.rows.sort_values(["year", "used"], ascending=[True, False])
    out = rows[["year", "value", "unit", "used", "flag", "source_file", "source_url", "quote", "derived"]].copy()
    out["value"] = [format_value(row["value"], row["unit"], language, observation_decimals(row), with_unit=False,
                                 lower_bound=bool(row["lower_bound"])) for _, row in rows.iterrows()]
    out["used"] = out["used"].map({True: t("yes", language), False: t("no", language)})
    out["unit"] = [unit_label(u, language) for u in out["unit"]]
    out["flag"] = [t(f"flag_{f}", language) if f else "" for f in out["flag"]]
    out["derived"] = [str(shown_note(note, language)) for note in out["derived"]]
    out["source_url"] = [source_text(url, language) for url in out["source_url"]]
    return out.rename(columns={"year": t("year", language), "value": t("value", language),
                               "unit": t("check_col_unit", language),
                               "used": t("used", language), "flag": t("flag", language),
                               "source_file": t("source_file", language), "source_url": t("source", language),
                               "quote": t("quote", language), "derived": t("derived", language)})


def forecast_table(result) -> pd.DataFrame:
    return result.forecast.round(4)


def conflict_lines(result, language: str = "zh") -> list[str]:
    """One line per conflicting year, with the values as published (:func:`~sjzforecast.formats.format_published`)."""
    lines = []
    for c in result.selection.conflicts:
        chosen, *alternatives = format_published([c.chosen, *c.alternatives], result.unit, language)
        lines.append(t("conflict_line", language, year=c.year, chosen=chosen, alternatives=", ".join(alternatives)))
    return lines


#: The notes on the data of a briefing (:func:`data_notes`) and the key of each one's heading.
DATA_NOTE_HEADINGS = {"conflicts": "conflicts", "revisions": "revisions", "caveats": "data_caveats"}


def data_notes(result, language: str = "zh") -> dict[str, list[str]]:
    """The notes on the data behind ``result``, by :data:`DATA_NOTE_HEADINGS`: conflicting sources
    (:func:`conflict_lines`), revised values (:func:`revision_lines`) and caveats (:func:`caveat_lines`),
    one line each.  The briefing and the explorer show these lines."""
    return {"conflicts": conflict_lines(result, language), "revisions": revision_lines(result, language),
            "caveats": caveat_lines(result, language)}


def revision_lines(result, language: str = "zh") -> list[str]:
    """One line per revised year: the value used and the earlier vintages, with their dates (values as
    published, :func:`~sjzforecast.formats.format_published`)."""
    lines = []
    for r in result.selection.revisions:
        value, *earlier = format_published([r.value, *(v for v, _ in r.earlier)], result.unit, language)
        dated = [t("dated_value", language, value=text, date=published) if published else text
                 for text, (_, published) in zip(earlier, r.earlier)]
        lines.append(t("revision_line", language, year=r.year, value=value, published=r.published or "—",
                       earlier=", ".join(dated)))
    return lines


def caveat_lines(result, language: str = "zh") -> list[str]:
    """The data-quality note: used values flagged ``e`` or ``u``, unsourced, or read with a note of the
    data file (``note: ...``, e.g. a stock "as reported Aug 2024" used for 2024), a break in series, and
    the years whose value jumped as a number entered in the wrong unit does
    (:func:`~sjzforecast.plausibility.jumps`)."""
    selection = result.selection
    used = selection.rows[selection.rows["used"]]
    lines = []
    caveated = used[used.index.isin(selection.flagged.index) | (used["provenance"] == "note")]
    for _, r in caveated.sort_values("year").iterrows():
        reasons = ([t(f"flag_{r.flag}", language)] if r.flag else []) + ([t("unsourced", language)] if r.unsourced else [])
        reasons += [t("caveat_noted", language)] if r.provenance == "note" else []
        value = format_value(r.value, r.unit, language, observation_decimals(r),
                             lower_bound=r.lower_bound)  # as the data table shows it
        lines.append(t("caveat_line", language, year=r.year, value=value, reason=join_list(reasons, language)))
    if result.selection.segment_start is not None:
        lines.append(t("segment_note", language, year=result.selection.segment_start))
    lines += [t("jump_line", language, year=year, factor=f"{JUMP_FACTOR:g}") for year in jumps(result.selection.series)]
    return lines


def target_line(result, language: str = "zh") -> str:
    """The target as every page writes it: ``目标：2025年达到 3.00 %`` (``Target: 3.00 % in 2025``), at the data's
    precision.  A growth-rate target says it is a rate read as a level; a target read in another year
    than the plan's says how (``target_mode``): ``Target: 3.00 % in 2030 (the plan's 2025 target)``."""
    target = result.target
    key = "target_line"
    if target.kind == "growth_rate":
        key = "target_line_growth_rate"  # a rate from the base year, as a level
    elif target.plan_year not in (None, target.year):
        key = f"target_line_{result.question.target_mode}"  # the plan sets it for another year
    return t(key, language, year=target.year, plan_year=target.plan_year, base_year=target.base_year,
             level=format_value(target.level, target.unit, language, result.decimals))


def member_name(member: str, language: str) -> str:
    """A combination member's label (``"drift (none)"`` or ``"theta"``, see ``glance()["members"]``) in ``language``."""
    model, scale = member_of_label(member)
    if scale is None:
        return name_of("model", model, language)
    return t("member_scale", language, model=name_of("model", model, language), scale=name_of("scale", scale, language))


def auto_rule_text(glance: dict, language: str = "zh") -> str:
    """Why ``auto`` chose its model, from ``glance()["auto_rule"]``; empty for any other model."""
    if glance.get("model") != "auto":
        return ""
    members = join_list([member_name(m, language) for m in glance.get("members", [])], language)
    candidates = long_candidates_text(glance, language)
    rule = glance["auto_rule"] + ("_even" if candidates.get("even") else "")
    why = t(f"auto_rule_{rule}", language, n=glance["n_obs"], min_points=AUTO_MIN_POINTS, members=members,
            **candidates)
    scale = glance.get("interval_scale")
    check = "" if scale is None else t(interval_check_key(scale), language,
                                        origins=CALIBRATION_ORIGINS, k=glance["calibration_errors"],
                                        scale=f"{scale:.2f}")
    return join_sentences([why, check], language)


def long_candidates_text(glance: dict, language: str) -> dict:
    """For a long series, the words for ``auto``'s choice between its two candidates; empty otherwise.

    ``chosen`` and ``rival`` name the two candidates with their members, ``pct`` is how much
    smaller the chosen one's rolling-origin error was, :math:`100 (1 - e_{chosen} / e_{rival})` in whole
    percent, and ``even`` is true where that rounds to 0 % or cannot be told (an error that is 0 or not
    finite), which the note words as a near tie.
    """
    if "long_candidate" not in glance:
        return {}
    chosen = glance["long_candidate"]
    rival = next(name for name in glance["selection_errors"] if name != chosen)
    errors = glance["selection_errors"]

    def words(name, members):
        return t(f"auto_candidate_{name}", language,
                 members=join_list([member_name(m, language) for m in members], language))

    told = np.isfinite([errors[chosen], errors[rival]]).all() and errors[rival] > 0
    pct = f"{100 * (1 - errors[chosen] / errors[rival]):.0f}" if told else "0"
    return {"chosen": words(chosen, glance["members"]), "rival": words(rival, glance["rival_members"]),
            "origins": SELECTION_ORIGINS, "h": SELECTION_HORIZON, "pct": pct, "even": pct == "0"}


def interval_check_key(scale: float) -> str:
    """The i18n key that words an interval scale as printed (two decimals): widened, narrowed or kept."""
    shown = round(scale, 2)
    return "auto_interval_scale" if shown > 1 else "auto_interval_narrowed" if shown < 1 else "auto_interval_kept"


def methods_text(result, language: str = "zh", assessed: dict | None = None) -> str:
    """The methods note: model (and why, for ``auto``), data span, simulation and, given
    ``assessed`` (a row of :func:`assessment_rows`), the method that gave the lead category."""
    g = result.model.glance()
    text = t("methods_text", language, model=name_of("model", g["model"], language),
             transform="/".join(name_of("transform", x, language) for x in str(g.get("transform", "none")).split("/")),
             n=g["n_obs"],
             first=g["first_year"], last=g["last_year"], paths=f"{len(result.paths):,}")
    assessment = "" if not assessed else t("assessment_text", language, method=method_name(assessed["method"], language),
                                           category=category_label(assessed["category"], language))
    return join_sentences([text, auto_rule_text(g, language), assessment], language)


def growth_basis_note(result, language: str = "zh") -> str:
    """The sentence a page shows when growth and the methods are measured from before the plan's base
    year (:attr:`~sjzforecast.answer.GrowthBasis.caveat`, the dashboard's quality note), else ``""``."""
    caveat = result.growth_basis.caveat
    text = quality_note(caveat, language) if caveat else ""
    return text[:1].upper() + text[1:]


def data_record(row) -> dict:
    """One row of :attr:`~sjzforecast.series.SeriesSelection.rows` as the page reads it (``data`` and
    ``latest_row`` of :func:`build_payload`); ``decimals``: those it is shown with, as published
    (:func:`~sjzforecast.formats.observation_decimals`)."""
    return {"year": int(row["year"]), "value": float(row["value"]), "decimals": observation_decimals(row),
            "unit": row["unit"], "used": bool(row["used"]),
            "source_url": row["source_url"], "quote": row["quote"], "derived": row["derived"], "flag": row["flag"],
            "published": row["published"], "status": row["status"], "unsourced": bool(row["unsourced"]),
            "lower_bound": bool(row["lower_bound"]), "source_file": row["source_file"]}


def build_payload(result, language: str = "zh") -> dict:
    """Everything the HTML needs, as plain JSON-serialisable data; ``answer`` is the ``sjz-answer`` block;
    ``latest_row`` the row of the latest value used (:attr:`~sjzforecast.series.SeriesSelection.latest_row`)."""
    check_language(language)
    target, lead = result.target, result.lead
    data_rows, latest_row = result.selection.rows.sort_values("year"), result.selection.latest_row
    rows = assessment_rows(result, language)
    assessed = next(r for r in rows if r["method"] == LEAD_METHOD)
    return jsonable({
        "kind": "briefing",
        "language": language,
        "answer": result.to_json(),
        "region": result.region,
        "region_label": region_name(result.region, language),
        "indicator": result.indicator,
        "indicator_label": indicator_name(result, language),
        "indicator_labels": {lang: indicator_name(result, lang) for lang in LANGUAGES},
        "scenario": result.scenario,
        "scenario_label": scenario_label(result.scenario, language),
        "lead": {"value": lead.value, "meets": lead.meets, "gap": lead.gap, "quantile": lead.quantile,
                 "assumption_text": lead_assumption(lead, language)},
        "category": assessed["category"],
        "category_label": category_label(assessed["category"], language),
        "assessment": assessed,
        "assessments": rows,
        "headline": headline(result, language),
        "bau_context": bau_context(result, language), "forecast_context": forecast_context(result, language),
        "nowcast_note": nowcast_note(result, language), "nowcast_years": result.nowcast_years(),
        "probability": result.p_meet,
        "probability_phrase": probability_phrase(result.p_meet, language),
        "target": {"id": target.target_id, "level": target.level, "year": target.year, "kind": target.kind,
                   "unit": result.unit, "description": target.description, "quote": target.quote,
                   "direction": target.direction, "line": target_line(result, language)},
        "latest": {"year": result.latest_year, "value": result.latest_value,
                   "decimals": observation_decimals(latest_row),
                   "lower_bound": result.latest_is_lower_bound, "meets": result.latest_meets},
        "latest_row": None if latest_row is None else data_record(latest_row),
        "base_year": result.base_year,
        "growth_since": growth_since(result.growth_basis, language),
        "growth_basis_note": growth_basis_note(result, language),
        "required_growth_from_latest": result.required_growth_from_latest,
        "required_growth_from_base": result.required_growth_from_base,
        "achieved_growth_from_base": result.achieved_growth_from_base,
        "growth_bounds": result.growth_bounds,
        "peer_feasibility": result.peer_feasibility.to_dict() if result.peer_feasibility else None,
        "peer_share": peer_share(result, language),
        "recent_growth": result.recent_growth,
        "recent_growth_since": result.recent_growth_since,
        "charts": {"fan": fan_chart(result, language).to_dict(),
                   "first_passage": first_passage_chart(result, language).to_dict(),
                   "scenarios": scenario_chart(result, language).to_dict(),
                   "growth": growth_chart(result, language).to_dict()},
        "scenarios": scenario_rows(result, language),
        "forecast": forecast_table(result).reset_index().to_dict(orient="split", index=False),
        "data": [data_record(r) for _, r in data_rows.iterrows()],
        **data_notes(result, language),
        "model": {"glance": result.model.glance(), "tidy": result.model.tidy().to_dict(orient="records")},
        "methods": methods_text(result, language, assessed),
        "params": result.question.to_params(),
    })


def publish(result, language: str = "zh") -> None:
    """Display the briefing payload in the notebook (the batch reads it back for the HTML)."""
    payload = build_payload(result, language)
    publish_payload(payload, t("page_data", language, summary=payload["headline"]))


def show_headline(result, language: str = "zh"):
    """Display the headline, the conflicts and the methods note as Markdown in the notebook."""
    from IPython.display import Markdown, display

    lines = [f"**{headline(result, language)}**", forecast_context(result, language), nowcast_note(result, language),
             bau_context(result, language)]
    lines += [f"- ⚠ {line}" for line in conflict_lines(result, language)]
    lines.append(f"\n{methods_text(result, language)}")
    display(Markdown("\n".join(lines)))
