"""Self-contained HTML from briefing payloads, with jinja2 templates in ``templates/``.

One inlined Vega/Vega-Lite/vega-embed bundle per page (from vl-convert-python, no network),
the chart specs inlined as JSON, a static SVG of each chart for print, and no request to any
other host.  Every heading comes from :mod:`sjzforecast.i18n`; all text is autoescaped.
"""
from __future__ import annotations

import functools
import json
import logging
import re

import jinja2
from markupsafe import Markup, escape

from . import __version__, paths
from .charts import CATEGORY_COLORS, fixed_width
from .errors import SjzforecastError
from .briefing import assumption_text
from .formats import (format_difference, format_estimate, format_number, format_percent,
                      format_p_meet, format_probability, format_rate, format_value, indicator_unit,
                      unit_label)
from .i18n import CATEGORIES, category_label, growth_since, indicator_label, method_name, \
    quality_note, region_name, scenario_label, t, variant_label
from .notes import log_untranslated, shown_note
from .progress import LEAD_METHOD
from .sources import citation, host

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert-python, no network)."""
    import vl_convert

    return vl_convert.javascript_bundle()


def column_label(column: str, language: str) -> str:
    """Heading of a forecast-table column: ``mean`` or ``lo-L``/``hi-L``."""
    if column == "mean":
        return t("forecast", language)
    bound, _, level = str(column).partition("-")
    if bound in ("lo", "hi") and level.isdigit():
        return t("interval_bound", language, level=level, bound=t("lower" if bound == "lo" else "upper", language))
    return str(column)


def meta_label(key: str, language: str) -> str:
    """Heading of a run-metadata row (translation key ``meta_<key>``; unknown keys as they are)."""
    try:
        return t(f"meta_{key}", language)
    except KeyError:
        return key


def chart_alt(spec: dict, name: str) -> str:
    """Alternative text of a chart's print image: its title and the note under it (the subtitle), else its name."""
    title = spec.get("title")
    parts = [title.get("text"), title.get("subtitle")] if isinstance(title, dict) else [title]
    text = " ".join(" ".join(map(str, part)) if isinstance(part, list) else str(part) for part in parts if part)
    return text or name


#: The attributes Vega writes its own screen-reader text into: English, and naming the data's fields
#: by their ids ("X-axis titled 'year' for a linear scale", "Line mark with 12 items").
VEGA_ARIA_ATTRIBUTES = ("aria-label", "aria-roledescription")
_VEGA_ARIA = re.compile(rf' (?:{"|".join(VEGA_ARIA_ATTRIBUTES)})="[^"]*"')


def labelled_svg(svg: str, label: str) -> str:
    """``svg`` without Vega's screen-reader text, read as one image named ``label`` (``role="img"``).

    Vega describes every mark, axis and legend in English whatever the chart's language; a
    screen reader reads instead the chart's title (:func:`chart_alt`), in the chart's language.
    The live charts of a page are treated alike in the browser by ``templates/_embed.html.j2``,
    with the same :data:`VEGA_ARIA_ATTRIBUTES`.
    """
    svg = _VEGA_ARIA.sub("", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def translate_markup(key: str, language: str, **fields) -> Markup:
    """:func:`~sjzforecast.i18n.t` for a template: fields are escaped, unless already markup (``<code>``)."""
    return Markup(t(key, language, **{k: escape(v) for k, v in fields.items()}))


#: A short bracketed group of a note ("（仅知下限）", "(2024)"): kept on one line by :func:`keep_brackets`.
BRACKETED = re.compile(r"[（(][^（()）]{1,16}[）)]")


def keep_brackets(text) -> Markup:
    """``text`` escaped for HTML, each short bracketed group (:data:`BRACKETED`, at most 16 characters inside)
    in a ``nowrap`` span, so that a note such as "未知（仅知下限）" breaks before its bracket, never inside it.

    >>> str(keep_brackets("未知（仅知下限）"))
    '未知<span class="nowrap">（仅知下限）</span>'
    """
    return Markup(BRACKETED.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', str(escape(text))))


def css_string(text) -> Markup:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element.

    Backslash, quote, ``<``, ``>`` and control characters become CSS escapes (``\\3C `` ...), so the
    string cannot end early nor close the element.
    """
    escaped = "".join(c if c.isprintable() and c not in '\\"<>' else f"\\{ord(c):X} " for c in str(text))
    return Markup(f'"{escaped}"')


def print_header_right(vintage: str, generated: str | None, language: str) -> str:
    """The right of a printed page's header: ``数据截至 2023 · 2026-11-27 12:31 UTC`` (data vintage, run date)."""
    parts = [f"{t('data_vintage', language)} {vintage}" if vintage else "", generated or ""]
    return " · ".join(p for p in parts if p)


def code(text) -> Markup:
    """``text`` as an identifier kept as it is (model, transform, parameter names)."""
    return Markup("<code>{}</code>").format(text)


#: Runs of Chinese characters and punctuation.
CHINESE_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def mark_chinese(text) -> Markup:
    """``text`` escaped, with every run of Chinese characters marked ``<span lang="zh">`` (for
    notes written in English that quote Chinese words)."""
    return Markup(CHINESE_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', str(escape(text or ""))))


#: A web address or repository path inside a note (``stats.gov.cn``, ``huhuaping/techme``): letters, dots, slashes.
ADDRESS = re.compile(r"[A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]*(?:[./][A-Za-z0-9_-]+)+")


def mark_addresses(text) -> Markup:
    """``text`` escaped, with every web address or repository path in it (:data:`ADDRESS`) as ``<code>``
    (an identifier, not words of a language)."""
    return Markup(ADDRESS.sub(lambda m: f"<code>{m.group(0)}</code>", str(escape(text or ""))))


def derivation_note(text, language: str) -> Markup:
    """A data row's ``derived`` note for a page in ``language`` (:func:`~sjzforecast.notes.shown_note`).

    An English page shows the note as written, its Chinese words marked ``lang="zh"`` (:func:`mark_chinese`);
    a Chinese page names its kind and shows its Chinese text (web addresses in it as ``<code>``,
    :func:`mark_addresses`).  A note left in the other language is labelled as the data file's text and
    marked with its language (``lang="en"``, or ``lang="zh"`` on an English page).
    """
    note = shown_note(text, language)
    if note.lang:
        shown = mark_chinese(note.text) if note.lang == "en" else note.text
        return Markup('{}<span lang="{}">{}</span>').format(note.label, note.lang, shown)
    if language == "en":
        return mark_chinese(note.text)
    return note.label + mark_addresses(note.text)


def text_language(text) -> str:
    """``zh`` for a text with Chinese characters, else ``en`` (the ``lang`` of a quoted source)."""
    return "zh" if CHINESE_RUN.search(str(text or "")) else "en"


#: Characters written as ``\\uXXXX`` escapes in JSON embedded in a page.
SCRIPT_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}


def script_json(obj) -> str:
    """JSON that is safe inside an HTML ``<script>`` element and parses back to ``obj``.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\u003c``, ``\\u003e``,
    ``\\u0026``, ``\\u2028``, ``\\u2029``.  They can only occur inside JSON strings, where
    these escapes mean the same characters, so no ``</script``, ``<!--`` or ``<![CDATA[`` can
    end or change the element, and the text stays valid JSON and JavaScript (the same rule
    as Django's ``json_script`` and Rails' ``json_escape``).
    """
    return json.dumps(obj, ensure_ascii=False).translate(SCRIPT_ESCAPES)


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.TEMPLATES_DIR)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             undefined=jinja2.StrictUndefined)
    env.filters["script_json"] = script_json
    env.filters["css_string"] = css_string
    env.filters["keep_brackets"] = keep_brackets
    env.globals["print_header_right"] = print_header_right
    env.filters["value"] = format_value
    env.filters["difference"] = format_difference
    env.filters["number"] = format_number
    env.filters["percent"] = format_percent
    env.filters["probability"] = format_probability
    env.filters["estimate"] = format_estimate
    env.filters["unit"] = unit_label
    env.filters["column_label"] = column_label
    env.filters["meta_label"] = meta_label
    env.filters["chart_alt"] = chart_alt
    env.globals["vega_aria_attributes"] = VEGA_ARIA_ATTRIBUTES
    env.globals["t"] = t
    env.globals["rate"] = format_rate
    env.globals["indicator_unit"] = indicator_unit
    env.globals["p_meet"] = format_p_meet
    env.globals["category_colors"] = CATEGORY_COLORS
    env.globals["categories"] = list(CATEGORIES)
    env.globals["category_label"] = category_label
    env.globals["scenario_label"] = scenario_label
    env.globals["variant_label"] = variant_label
    env.globals["assumption_text"] = assumption_text
    env.globals["region_name"] = region_name
    env.globals["indicator_label"] = indicator_label
    env.globals["method_name"] = method_name
    env.globals["quality_note"] = quality_note
    env.globals["growth_since"] = growth_since
    env.globals["citation"] = citation
    env.globals["host"] = host
    env.globals["tm"] = translate_markup
    env.globals["code"] = code
    env.globals["derivation_note"] = derivation_note
    env.filters["text_lang"] = text_language
    return env


def chart_svg(spec: dict) -> str:
    """A static SVG of a Vega-Lite spec (a page's print image, a notebook's chart), rendered offline by
    vl-convert and read by a screen reader as its title (:func:`labelled_svg`).

    Rendered once per distinct spec in a process (cached by the spec's JSON): the charts that
    do not change across the runs of a batch (e.g. along a grid) are converted once.
    """
    return _svg_of_json(json.dumps(spec, sort_keys=True))


@functools.lru_cache(maxsize=256)
def _svg_of_json(spec_json: str) -> str:
    import vl_convert

    spec = json.loads(spec_json)
    return labelled_svg(stable_svg_ids(vl_convert.vegalite_to_svg(spec)), chart_alt(spec, ""))


_SVG_ID = re.compile(r"\b(clip|gradient_)(\d+)\b")


def stable_svg_ids(svg: str) -> str:
    """``svg`` with Vega's clip and gradient ids numbered from 1 in order of appearance.

    Vega numbers them with a counter that lives as long as the process, so the same chart
    would otherwise differ from one render to the next.  Each SVG is a document of its own
    (an image in the page and in the notebook), so its ids need not be unique beyond it.
    """
    numbers: dict[str, str] = {}
    counts: dict[str, int] = {}

    def renumber(match: re.Match) -> str:
        if match.group(0) not in numbers:
            prefix = match.group(1)
            counts[prefix] = counts.get(prefix, 0) + 1
            numbers[match.group(0)] = f"{prefix}{counts[prefix]}"
        return numbers[match.group(0)]

    return _SVG_ID.sub(renumber, svg)


def page_svg(svg: str, scope: str) -> Markup:
    """A static SVG to write into a page's HTML, where it prints in place of the live chart.

    Inline, not as an ``<img>``: a printed image's text is copied from the PDF as the glyphs'
    first code points, which for CJK fonts are often the Kangxi radicals (⽯ U+2F6F for 石), so a
    chart's Chinese could not be searched nor copied; inline SVG text prints as the text it is.
    Its clip and gradient ids (:func:`stable_svg_ids`) are prefixed with ``scope``, since the page
    is one id space for all its charts; it gets the class ``fallback``.
    """
    scoped = _SVG_ID.sub(lambda m: f"{scope}{m.group(0)}", svg)
    return Markup(scoped.replace("<svg ", '<svg class="fallback" ', 1))


def _svg_fallbacks(charts_: dict) -> dict[str, Markup]:
    """Chart name -> inline SVG (:func:`page_svg`); a chart that cannot be converted gets no fallback (logged)."""
    out = {}
    for name, spec in charts_.items():
        try:
            out[name] = page_svg(chart_svg(fixed_width(spec)), f"{name}-")
        except Exception as exc:  # the interactive chart still renders
            logger.warning("no SVG fallback for chart %r: %s", name, exc)
    return out


def _render_page(template: str, payload: dict, meta: dict, svg: bool) -> str:
    svgs = _svg_fallbacks(payload["charts"]) if svg else {}
    return _environment().get_template(template).render(
        p=payload, meta=meta, svgs=svgs, lang=payload["language"], bundle=vega_bundle(), version=__version__)


def render_briefing(payload: dict, meta: dict, svg: bool = True) -> str:
    """Self-contained HTML for one briefing payload plus run metadata.

    Parameters
    ----------
    payload : dict
        From :func:`sjzforecast.briefing.build_payload` (as read back by
        :func:`sjzforecast.payload.read_payload`).
    meta : dict
        Run metadata, shown in the last table (keys translated via ``meta_<key>``).
    svg : bool
        Embed a static SVG of each chart, shown instead of the live chart when printing.
    """
    log_untranslated([row["derived"] for row in payload["data"]], payload["language"],
                     f"{payload['region']} {payload['indicator']}")
    return _render_page("briefing.html.j2", payload, meta, svg)


def render_dashboard(payload: dict, meta: dict, svg: bool = True) -> str:
    """Self-contained HTML for a dashboard payload (:func:`sjzforecast.dashboard.build_payload`)."""
    return _render_page("dashboard.html.j2", payload, meta, svg)


RENDERERS = {"briefing": render_briefing, "dashboard": render_dashboard}


def render_payload(payload: dict, meta: dict, svg: bool = True) -> str:
    """HTML for any payload, by its ``kind`` (see :mod:`sjzforecast.payload`)."""
    try:
        renderer = RENDERERS[payload.get("kind", "briefing")]
    except KeyError:
        raise SjzforecastError(f"payload kind {payload.get('kind')!r}; valid: {sorted(RENDERERS)}") from None
    return renderer(payload, meta, svg)


def render_index(runs: list[dict], language: str = "zh") -> str:
    """The index page: one row per run (see :mod:`sjzforecast.batch`)."""
    return _environment().get_template("index.html.j2").render(runs=runs, lang=language, version=__version__,
                                                                lead_method=LEAD_METHOD)


def render_page(template: str, **context) -> str:
    """Any page of ``templates/`` that extends ``base.html.j2`` (e.g. the data-check report)."""
    return _environment().get_template(template).render(version=__version__, **context)
