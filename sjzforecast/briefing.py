"""Briefings: the payload a notebook publishes, and the charts and tables in it.

The notebook computes; its last cell calls :func:`publish`, which displays a JSON payload
under the MIME type :data:`PAYLOAD_MIME`.  The batch reads that output back from the
executed notebook (:func:`read_payload`) and renders self-contained HTML from it with
:func:`sjzforecast.render.render_briefing`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
from pathlib import Path

import nbformat
import pandas as pd

from . import charts
from .i18n import LANGUAGES, category_label, check_language, region_name, scenario_label, t, verbal_probability
from .render import fmt_number

logger = logging.getLogger(__name__)

PAYLOAD_MIME = "application/vnd.sjzforecast.briefing+json"


def indicator_name(result, language: str) -> str:
    return result.target.name_zh if language == "zh" else result.target.name_en


def headline(result, language: str = "zh") -> str:
    """One sentence: the probability of meeting the target and its verbal phrase."""
    check_language(language)
    target = result.target
    if result.required_growth is None:  # the target year is observed
        verdict = t("met" if result.probability >= 0.5 else "not_met", language)
        return t("headline_observed", language, year=target.year, value=fmt_number(result.last_value),
                 unit=target.unit, verdict=verdict)
    return t("headline", language, year=target.year, level=fmt_number(target.level), unit=target.unit,
             p=f"{100 * result.probability:.0f} %", phrase=t(verbal_probability(result.probability), language))


def chart_title(result, language: str = "zh") -> str:
    return f"{region_name(result.region, language)} · {indicator_name(result, language)}"


def observed_frame(result) -> pd.DataFrame:
    """The observations the model used, with their provenance, sorted by year."""
    rows = result.selection.rows
    return rows[rows["used"]].sort_values("year")


def fan_chart(result, language: str = "zh"):
    """The briefing's fan chart for an :class:`~sjzforecast.analysis.IndicatorAnalysis`."""
    return charts.fan_chart(observed_frame(result), result.forecast, result.target.level, result.target.year,
                            result.target_path, language=language, title=chart_title(result, language),
                            unit=result.target.unit,
                            probability=result.probability if result.required_growth is not None else None)


def first_passage_chart(result, language: str = "zh"):
    """P(target reached by each year) for an :class:`~sjzforecast.analysis.IndicatorAnalysis`."""
    frame = pd.DataFrame({"year": result.first_passage.index.astype(int),
                          "probability": result.first_passage.to_numpy()})
    return charts.first_passage_chart(frame, result.target.year, language)


def growth_chart(result, language: str = "zh"):
    """Observations and a path at a growth rate the reader sets with a slider (starts at the recent pace)."""
    rates = [g for g in (result.recent_growth, result.required_growth) if g is not None]
    start = result.recent_growth if result.recent_growth is not None else (rates[0] if rates else 0.05)
    lo = round(min([0.0, *rates]) - 0.05, 2)
    hi = round(max([0.1, *rates]) + 0.05, 2)
    end_year = max(int(result.forecast.index.max()), result.target.year)
    return charts.growth_chart(observed_frame(result), result.last_year, result.last_value, end_year,
                               result.target.level, result.target.year, growth=start, growth_range=(lo, hi),
                               language=language, unit=result.target.unit)


def scenario_chart(result, language: str = "zh"):
    """All scenarios of :meth:`~sjzforecast.analysis.IndicatorAnalysis.scenario_frame` in one chart."""
    return charts.scenario_chart(result.scenario_frame(), language, unit=result.target.unit)


def assessment(result) -> dict:
    """The assessment category of ``result`` and the method that gave it.

    Uses ``result.category`` when the analysis carries one, else ``sjzforecast.progress.assess``
    (Open SDG method) when that module exists; otherwise, or when it fails, the category is
    ``not_assessable`` with the reason.
    """
    category = getattr(result, "category", None)
    if category is not None:
        return {"category": str(category), "method": getattr(result, "assessment_method", None), "reason": None}
    try:
        from . import progress
    except ImportError:
        return {"category": "not_assessable", "method": None, "reason": "no assessment module"}
    target = result.target
    try:
        found = progress.assess(result.series, target.level, target.year, direction=target.direction)
    except Exception as exc:  # an assessment failure must not stop the briefing
        logger.warning("assessment of %s failed: %s", result.indicator, exc)
        return {"category": "not_assessable", "method": "opensdg", "reason": str(exc)}
    return {"category": str(found.category), "method": getattr(found, "method", "opensdg"),
            "reason": getattr(found, "reason", None)}


def data_table(result, language: str = "zh") -> pd.DataFrame:
    """Every observation considered, with provenance and whether it was used."""
    rows = result.selection.rows.sort_values(["year", "used"], ascending=[True, False])
    out = rows[["year", "value", "unit", "used", "source_url", "quote", "derived"]].copy()
    out["used"] = out["used"].map({True: t("yes", language), False: t("no", language)})
    return out.rename(columns={"year": t("year", language), "value": t("value", language),
                               "used": t("used", language), "source_url": t("source", language),
                               "quote": t("quote", language), "derived": t("derived", language)})


def forecast_table(result) -> pd.DataFrame:
    return result.forecast.round(4)


def conflict_lines(result, language: str = "zh") -> list[str]:
    return [t("conflict_line", language, year=c.year, chosen=fmt_number(c.chosen),
              alternatives=", ".join(fmt_number(a) for a in c.alternatives))
            for c in result.selection.conflicts]


def methods_text(result, language: str = "zh", assessed: dict | None = None) -> str:
    """The methods note: model, data span, simulation and how the target is assessed."""
    g = result.model.glance()
    text = t("methods_text", language, model=g["model"], transform=g.get("transform", "—"), n=g["n_obs"],
             first=g["first_year"], last=g["last_year"], paths=len(result.paths))
    if assessed and assessed.get("method"):
        text += " " + t("assessment_text", language, method=assessed["method"],
                        category=category_label(assessed["category"], language))
    elif assessed:
        text += " " + t("assessment_missing", language, reason=assessed.get("reason") or "—")
    return text


def build_payload(result, language: str = "zh") -> dict:
    """Everything the HTML needs, as plain JSON-serialisable data."""
    check_language(language)
    target = result.target
    data_rows = result.selection.rows.sort_values("year")
    assessed = assessment(result)
    return _jsonable({
        "language": language,
        "region": result.region,
        "region_label": region_name(result.region, language),
        "indicator": result.indicator,
        "indicator_label": indicator_name(result, language),
        "indicator_labels": {lang: indicator_name(result, lang) for lang in LANGUAGES},
        "scenario": result.scenario,
        "scenario_label": scenario_label(result.scenario, language),
        "category": assessed["category"],
        "category_label": category_label(assessed["category"], language),
        "assessment": assessed,
        "headline": headline(result, language),
        "probability": result.probability,
        "probability_phrase": t(verbal_probability(result.probability), language),
        "target": {"id": target.target_id, "level": target.level, "year": target.year, "kind": target.kind,
                   "unit": target.unit, "description": target.description, "quote": target.quote},
        "latest": {"year": result.last_year, "value": result.last_value},
        "required_growth": result.required_growth,
        "recent_growth": result.recent_growth,
        "conflicts": conflict_lines(result, language),
        "charts": {"fan": fan_chart(result, language).to_dict(),
                   "first_passage": first_passage_chart(result, language).to_dict(),
                   "growth": growth_chart(result, language).to_dict()},
        "forecast": forecast_table(result).reset_index().to_dict(orient="split", index=False),
        "data": [{"year": int(r.year), "value": float(r.value), "unit": r.unit, "used": bool(r.used),
                  "source_url": r.source_url, "quote": r.quote, "derived": r.derived}
                 for r in data_rows.itertuples()],
        "model": {"glance": result.model.glance(), "tidy": result.model.tidy().to_dict(orient="records")},
        "methods": methods_text(result, language, assessed),
        "params": result.params,
    })


def _jsonable(obj):
    """Plain JSON types: numpy scalars as Python numbers, NaN and inf as None."""
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, (str, bytes)):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return str(obj)


def publish(result, language: str = "zh"):
    """Display the briefing payload in the notebook (the batch reads it back for the HTML)."""
    from IPython.display import display

    payload = build_payload(result, language)
    display({PAYLOAD_MIME: payload, "text/plain": f"<briefing payload: {payload['headline']}>"}, raw=True)
    return None


def read_payload(notebook_path: str | Path) -> dict | None:
    """The payload published by an executed notebook, or None if it published none."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PAYLOAD_MIME in data:
                payload = data[PAYLOAD_MIME]
                return json.loads(payload) if isinstance(payload, str) else dict(payload)
    return None


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file, for run metadata."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def show_headline(result, language: str = "zh"):
    """Display the headline, the conflicts and the methods note as Markdown in the notebook."""
    from IPython.display import Markdown, display

    lines = [f"**{headline(result, language)}**"]
    lines += [f"- ⚠ {line}" for line in conflict_lines(result, language)]
    lines.append(f"\n{methods_text(result, language)}")
    display(Markdown("\n".join(lines)))
