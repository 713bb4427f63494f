"""Briefings: the payload a notebook publishes, and the offline HTML made from it.

The notebook computes; its last cell calls :func:`publish`, which displays a JSON payload
under the MIME type :data:`PAYLOAD_MIME`.  The batch reads that output back from the
executed notebook (:func:`read_payload`) and renders self-contained HTML with jinja2
(:func:`render_briefing`): one inlined Vega/Vega-Lite/vega-embed bundle per page, the chart
specs inlined, and no request to any other host.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
from pathlib import Path

import jinja2
import nbformat
import pandas as pd

from . import __version__, paths
from .charts import fan_chart as _fan_chart
from .i18n import check_language, region_name, t, verbal_probability

logger = logging.getLogger(__name__)

PAYLOAD_MIME = "application/vnd.sjzforecast.briefing+json"


def indicator_name(result, language: str) -> str:
    return result.target.name_zh if language == "zh" else result.target.name_en


def fmt_number(x: float | None, digits: int = 4) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:.{digits}g}" if abs(x) < 10 ** digits else f"{x:,.0f}"


def fmt_percent(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


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


def fan_chart(result, language: str = "zh"):
    """The briefing's fan chart for an :class:`~sjzforecast.analysis.IndicatorAnalysis`."""
    rows = result.selection.rows
    observed = rows[rows["used"]].sort_values("year")
    title = f"{region_name(result.region, language)} · {indicator_name(result, language)}"
    return _fan_chart(observed, result.forecast, result.target.level, result.target.year,
                      result.target_path, language=language, title=title, unit=result.target.unit)


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


def methods_text(result, language: str = "zh") -> str:
    g = result.model.glance()
    return t("methods_text", language, model=g["model"], transform=g["transform"], n=g["n_obs"],
             first=g["first_year"], last=g["last_year"], paths=len(result.paths))


def build_payload(result, language: str = "zh") -> dict:
    """Everything the HTML needs, as plain JSON-serialisable data."""
    check_language(language)
    target = result.target
    data_rows = result.selection.rows.sort_values("year")
    return _jsonable({
        "language": language,
        "region": result.region,
        "region_label": region_name(result.region, language),
        "indicator": result.indicator,
        "indicator_label": indicator_name(result, language),
        "scenario": result.scenario,
        "headline": headline(result, language),
        "probability": result.probability,
        "probability_phrase": t(verbal_probability(result.probability), language),
        "target": {"id": target.target_id, "level": target.level, "year": target.year, "kind": target.kind,
                   "unit": target.unit, "description": target.description, "quote": target.quote},
        "latest": {"year": result.last_year, "value": result.last_value},
        "required_growth": result.required_growth,
        "recent_growth": result.recent_growth,
        "conflicts": conflict_lines(result, language),
        "charts": {"fan": fan_chart(result, language).to_dict()},
        "forecast": forecast_table(result).reset_index().to_dict(orient="split", index=False),
        "data": [{"year": int(r.year), "value": float(r.value), "unit": r.unit, "used": bool(r.used),
                  "source_url": r.source_url, "quote": r.quote, "derived": r.derived}
                 for r in data_rows.itertuples()],
        "model": {"glance": result.model.glance(), "tidy": result.model.tidy().to_dict(orient="records")},
        "methods": methods_text(result, language),
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


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert-python, no network)."""
    import vl_convert

    return vl_convert.javascript_bundle()


def _script_json(obj) -> str:
    """JSON safe to place inside a <script> element."""
    return json.dumps(obj, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.TEMPLATES_DIR)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined)
    env.filters["script_json"] = _script_json
    env.filters["number"] = fmt_number
    env.filters["percent"] = fmt_percent
    env.globals["t"] = t
    return env


def render_briefing(payload: dict, meta: dict) -> str:
    """Self-contained HTML for one briefing payload plus run metadata."""
    return _environment().get_template("briefing.html.j2").render(
        p=payload, meta=meta, lang=payload["language"], bundle=vega_bundle(), version=__version__)


def render_index(runs: list[dict], language: str = "zh") -> str:
    """The index page: one row per run (see :mod:`sjzforecast.batch`)."""
    return _environment().get_template("index.html.j2").render(runs=runs, lang=language, version=__version__)


def show_headline(result, language: str = "zh"):
    """Display the headline, the conflicts and the methods note as Markdown in the notebook."""
    from IPython.display import Markdown, display

    lines = [f"**{headline(result, language)}**"]
    lines += [f"- ⚠ {line}" for line in conflict_lines(result, language)]
    lines.append(f"\n{methods_text(result, language)}")
    display(Markdown("\n".join(lines)))
