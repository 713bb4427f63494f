"""The library behind ``notebooks/explore.ipynb``: one function per control, tested without a browser.

An :class:`ExploreState` is a frozen record of every control's value, named as the fields of
:class:`~sjzforecast.question.Question`.  :func:`explore_state_to_result` builds the question
from it (which checks it) and shows its :func:`~sjzforecast.answer.answer` (the fan chart, P(meet),
the labelled required growth and the progress categories), or a message saying what is wrong
with the input.  :func:`save_state_as_params` writes the question as a params YAML that the batch
turns into the same briefing.  The widgets live in :mod:`sjzforecast.explore_widgets`, which
imports this module (never the other way round).

Scenario kinds come from :data:`sjzforecast.scenarios.SCENARIOS`; the kinds that take growth
assumptions (:data:`SCENARIO_OPTIONS`, Question fields in percent a year) show their controls.
"""
from __future__ import annotations

import dataclasses
import html
import logging
from collections import ChainMap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import briefing, charts, paths, render
from .answer import Answer, answer
from .errors import SjzforecastError
from .explore_messages import MESSAGES, explain
from .i18n import (LANGUAGES, TRANSLATIONS, category_label, growth_since, method_name, name_of, probability_phrase, t,
                   translate)
from .i18n import indicator_label as i18n_indicator_label
from .sources import host, source_kind
from .models import MODELS
from .params import SAFE_NAME, ParamsError, save_params
from .progress.targets import resolve_target
from .question import MIN_POINTS, Question, fail, load_data, plan_row
from .formats import format_p_meet, format_rate, format_value, observation_decimals
from .series import select_series

logger = logging.getLogger(__name__)

#: The region whose plan ``data/targets.yaml`` holds; other regions need a target value.
PLAN_REGION = "石家庄"
#: Target year offered when the plan has none: the end of the 14th five-year plan.
DEFAULT_TARGET_YEAR = 2025
#: Suffixes of narrower measures that are not main series (see ``data/README``).
NARROWER_SUFFIXES = ("_target", "_h1", "_q3", "_national", "_provincial_plus", "_with_beijing",
                     "_biopharma", "_13th_fyp_total")
#: Confidence levels offered (percent); the fan chart shades at most :data:`MAX_LEVELS` of them.
LEVEL_CHOICES = (50, 80, 90, 95, 99)
MAX_LEVELS = 4
#: Growth assumptions (Question fields, percent a year) each scenario kind takes.
SCENARIO_OPTIONS = {"growth": ("growth_rate",), "drivers": ("rd_growth", "gdp_growth")}
#: Words the explorer shows that the briefing does not.
LABELS = {
    "growth_rate": {"zh": "假设年均增速 (%)", "en": "Assumed growth (% a year)"},
    "rd_growth": {"zh": "研发投入年均增速 (%)", "en": "R&D growth (% a year)"},
    "gdp_growth": {"zh": "GDP 年均增速 (%)", "en": "GDP growth (% a year)"},
    "categories": {"zh": "进展评估", "en": "Progress categories"},
    "levels": {"zh": "置信水平", "en": "Confidence levels"},
    "probability": {"zh": "{p}（{phrase}）", "en": "{p} ({phrase})"},
    "language": {"zh": "语言", "en": "Language"},
    "save_name": {"zh": "参数文件", "en": "Params file"},
    "save": {"zh": "保存为参数文件", "en": "Save as params"},
    "overwrite": {"zh": "覆盖已有文件", "en": "overwrite"},
    "saved": {"zh": "已保存 {path}；生成简报：{command}", "en": "Saved {path}; make the briefing with {command}"},
    "file_exists": {"zh": "{path} 已存在；勾选“覆盖已有文件”后再保存，或换一个文件名。",
                    "en": "{path} exists; tick overwrite to replace it, or choose another name."},
    "unsafe_name": {"zh": "文件名“{name}”不可用：只能含字母、数字、“_”“-”“.”，不能含“..”或斜杠。",
                    "en": "The file name “{name}” cannot be used: letters, digits, '_', '-', '.' only; no '..' or "
                          "slashes."},
    # the view's introduction, above its controls and in its static fallback
    "intro": {
        "zh": "<h2>情景探索</h2><p>先选地区和指标，再调整情景、增速假设、目标和模型：扇形图、达标概率、所需增速和"
              "各方法的进展评估随每次调整更新。<b>保存为参数文件</b>把当前选择写入 <code>params/</code>，供批量运行"
              "生成简报（<code>sjzforecast batch params/ --out reports/</code>）。控件无法显示时（如用 papermill 或 "
              "nbconvert 运行），只以静态视图显示默认情景。</p>",
        "en": "<h2>Explore scenarios</h2><p>Pick a region and an indicator, then move the scenario, the growth "
              "assumptions, the target and the model: the fan chart, the probability of meeting the target "
              "(P(meet)), the required growth and the progress categories follow every change. <b>Save as "
              "params</b> writes the current choices to <code>params/</code> for the batch (<code>sjzforecast "
              "batch params/ --out reports/</code>). Where widgets cannot render (papermill, nbconvert), the "
              "default scenario is shown as a static view.</p>"},
}
#: Where :func:`label` looks a key up: the explorer's labels, its messages, then the briefing's.
EXPLORER_TEXT = ChainMap(LABELS, MESSAGES, TRANSLATIONS)
#: Each language named in itself, for the language control.
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def label(key: str, language: str = "zh", **fields) -> str:
    """An explorer label (:data:`LABELS`), a message (:data:`~sjzforecast.explore_messages.MESSAGES`) or,
    failing those, a briefing label; with ``fields`` filled in."""
    return translate(EXPLORER_TEXT, key, language, **fields)


# -- choices for the dropdowns -------------------------------------------------------------
def is_main_series(indicator: str) -> bool:
    """False for narrower measures such as ``rd_intensity_target`` or ``gdp_h1``."""
    return not indicator.endswith(NARROWER_SUFFIXES)


def _points(observations: pd.DataFrame) -> pd.Series:
    """Distinct years observed per (region, indicator), main series only, without rows of another
    definition (flag ``d``, never in a series)."""
    comparable = observations["flag"] != "d" if "flag" in observations else True
    main = observations[observations["indicator"].map(is_main_series) & comparable]
    return main.groupby(["region", "indicator"])["year"].nunique()


def region_choices(observations: pd.DataFrame) -> list[str]:
    """Regions with at least one forecastable main series; :data:`PLAN_REGION` first."""
    points = _points(observations)
    regions = sorted(set(points[points >= MIN_POINTS].index.get_level_values("region")))
    return sorted(regions, key=lambda r: r != PLAN_REGION)


def indicator_choices(observations: pd.DataFrame, region: str) -> list[str]:
    """Main-series indicators with at least :data:`MIN_POINTS` observed years for ``region``."""
    points = _points(observations)
    if region not in points.index.get_level_values("region"):
        return []
    here = points.loc[region]
    return sorted(here[here >= MIN_POINTS].index)


def indicator_label(targets: pd.DataFrame, indicator: str, language: str = "zh") -> str:
    """``"rd_intensity · 全社会研发经费投入强度"``: the plan's name of the indicator where it has a target,
    else its name in the data (:func:`~sjzforecast.i18n.indicator_label`); the id alone where there is none."""
    hit = targets[targets["indicator"] == indicator]
    name = hit.iloc[0][f"name_{language}"] if len(hit) else i18n_indicator_label(indicator, language)
    return indicator if name == indicator else f"{indicator} · {name}"


def scenario_choices() -> tuple[str, ...]:
    """Scenario kinds the installed library knows (read at call time)."""
    from . import scenarios

    return tuple(scenarios.SCENARIOS)


def model_choices() -> list[str]:
    """``"auto"`` and every registered model name."""
    return ["auto", *sorted(MODELS)]


# -- targets -------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetDefaults:
    """What the target controls show for a region and indicator before the user edits them."""

    target_year: int
    target_value: float
    plan_target: str | None  # target_id when the plan's target applies


def plan_level(observations: pd.DataFrame, targets: pd.DataFrame, region: str, indicator: str,
               target_year: int) -> float | None:
    """The level the plan asks for in ``target_year``, or None (no plan target, or no base year)."""
    row = plan_row(targets, region, indicator)
    if row is None:
        return None
    series = select_series(observations, region, indicator).series
    try:
        return resolve_target(row, series, target_year).level
    except ValueError:
        return None


def target_defaults(observations: pd.DataFrame, targets: pd.DataFrame, region: str,
                    indicator: str) -> TargetDefaults:
    """The plan's target where it has one; else the latest value in :data:`DEFAULT_TARGET_YEAR`.

    The target year is never before the last observation.
    """
    series = select_series(observations, region, indicator).series
    last_year = int(series.index[-1])
    row = plan_row(targets, region, indicator)
    if row is not None:
        year = max(int(row["target_year"]), last_year)
        level = plan_level(observations, targets, region, indicator, year)
        if level is not None:
            return TargetDefaults(year, float(level), str(row["target_id"]))
    return TargetDefaults(max(DEFAULT_TARGET_YEAR, last_year + 1), float(series.iloc[-1]), None)


# -- state ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExploreState:
    """Every control's value, named as the :class:`~sjzforecast.question.Question` fields.

    Frozen and hashable; change it with :meth:`replace`.  It may hold values a question refuses
    (the user is typing): :meth:`question` checks them.

    Parameters
    ----------
    region, indicator, scenario, target_value, target_year, model, levels, seed, n_paths, end_year, language
        As in :class:`~sjzforecast.question.Question`.
    scenario_options : mapping of str to float
        The growth assumptions of the scenario kind (:data:`SCENARIO_OPTIONS`, percent a year),
        stored as sorted pairs.
    """

    region: str = PLAN_REGION
    indicator: str = "rd_intensity"
    scenario: str = "bau"
    scenario_options: tuple[tuple[str, float], ...] = ()
    target_value: float | None = None
    target_year: int = DEFAULT_TARGET_YEAR
    model: str = "auto"
    levels: tuple[int, ...] = (50, 80, 95)
    seed: int = 0
    n_paths: int = 10_000
    end_year: int = 2030
    language: str = "zh"

    def __post_init__(self):
        options = self.scenario_options
        pairs = options.items() if isinstance(options, dict) else options
        object.__setattr__(self, "scenario_options", tuple(sorted((str(k), float(v)) for k, v in pairs)))
        object.__setattr__(self, "levels", tuple(self.levels))

    @property
    def options(self) -> dict[str, float]:
        """The scenario options as a dict."""
        return dict(self.scenario_options)

    def replace(self, **changes) -> "ExploreState":
        """A copy with ``changes`` applied (``scenario_options`` may be a dict)."""
        return dataclasses.replace(self, **changes)

    def question(self) -> Question:
        """The question the controls ask.

        Raises
        ------
        FieldError
            What :class:`~sjzforecast.question.Question` refuses, an option the scenario kind
            does not take, or more than :data:`MAX_LEVELS` confidence levels.
        """
        unsupported = [k for k in self.options if k not in SCENARIO_OPTIONS.get(self.scenario, ())]
        if unsupported:
            fail("scenario_options", unsupported, f"scenario {self.scenario!r} takes no options {unsupported}; it "
                                                  f"takes {list(SCENARIO_OPTIONS.get(self.scenario, ())) or 'none'}")
        if not self.levels or len(self.levels) > MAX_LEVELS:
            fail("levels", self.levels, f"choose between 1 and {MAX_LEVELS} confidence levels (got {len(self.levels)})")
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "scenario_options"}
        return Question(**fields, **self.options)


def initial_state(region: str = PLAN_REGION, indicator: str = "rd_intensity", target_year: int | None = None,
                  target_value: float | None = None, observations: pd.DataFrame | None = None,
                  targets: pd.DataFrame | None = None, **choices) -> ExploreState:
    """The state a notebook's parameters describe; None takes the default for the target.

    ``target_year=None`` takes :func:`target_defaults`; ``target_value=None`` takes the plan's
    target, or, for a region without a plan, the latest value.  Other ``choices`` are
    :class:`ExploreState` fields.
    """
    observations, targets = data_frames(observations, targets)
    try:
        defaults = target_defaults(observations, targets, region, indicator)
    except ValueError:  # no such series: the explorer says so when it computes the state
        defaults = TargetDefaults(DEFAULT_TARGET_YEAR, 0.0, None)
    if target_value is None and defaults.plan_target is None and defaults.target_value > 0:
        target_value = defaults.target_value
    return ExploreState(region=region, indicator=indicator, target_year=target_year or defaults.target_year,
                        target_value=target_value, **choices)


def data_frames(observations: pd.DataFrame | None = None,
                targets: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The given frames, or the project's data files (:func:`~sjzforecast.question.load_data`)."""
    default_obs, default_targets = load_data()
    return (default_obs if observations is None else observations,
            default_targets if targets is None else targets)


# -- result --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExploreResult:
    """What the explorer shows for one state: an answer and its chart, or a message saying why there are none.

    ``message`` is HTML in the state's language (:func:`~sjzforecast.explore_messages.explain`);
    ``error`` is the library's own message (English, as logged).
    """

    state: ExploreState
    message: str = ""
    answer: Answer | None = None
    chart: object | None = None  # an Altair chart
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.answer is not None

    @property
    def probability(self) -> float | None:
        return None if self.answer is None else self.answer.p_meet

    @property
    def required_growth(self) -> float | None:
        """Required growth from the latest observation, percent a year."""
        return None if self.answer is None else self.answer.required_growth_from_latest

    @property
    def categories(self) -> tuple[tuple[str, str], ...]:
        """``((method, category), ...)`` by every progress method."""
        return () if self.answer is None else tuple(self.answer.categories.items())


def explore_state_to_result(state: ExploreState, observations: pd.DataFrame | None = None,
                            targets: pd.DataFrame | None = None) -> ExploreResult:
    """The answer and fan chart for ``state``; never raises for bad input.

    Returns
    -------
    ExploreResult
        ``ok`` with the answer, or with ``message`` saying what to change.
    """
    observations, targets = data_frames(observations, targets)
    try:
        result = answer(state.question(), observations, targets)
        chart = briefing.fan_chart(result, state.language)
    except ValueError as exc:
        logger.info("explore: %s", exc)
        return failed_result(state, exc, observations)
    return ExploreResult(state, answer=result, chart=chart)


def failed_result(state: ExploreState, error: Exception, observations: pd.DataFrame) -> ExploreResult:
    """The result for a state that raised ``error``: its message in the state's language."""
    if state.language not in LANGUAGES:  # the message says so, in English
        state = state.replace(language="en")
    return ExploreResult(state, message=explain(error, state, observations), error=str(error))


# -- display -------------------------------------------------------------------------------
def render_svg(chart) -> str:
    """The chart as SVG (vl-convert: offline, no JavaScript needed to view it), read by a screen reader
    as its title, in the view's language (:func:`~sjzforecast.render.labelled_svg`).

    Rendered afresh each time (unlike the pages' cached :func:`~sjzforecast.render.chart_svg`). The
    spec is not validated again here: :func:`explore_state_to_result` builds it with the briefing's
    own :func:`~sjzforecast.briefing.fan_chart`, whose output the tests validate.
    """
    import vl_convert

    spec = charts.fixed_width(chart.to_dict(validate=False))
    return render.labelled_svg(vl_convert.vegalite_to_svg(spec), render.chart_alt(spec, ""))


def _text(text: str) -> str:
    """``text`` escaped for HTML element content (quotes stay readable)."""
    return html.escape(text, quote=False)


def latest_notes(a: Answer, language: str) -> list[str]:
    """What the briefing says beside the latest observation: already meeting the target, and a
    latest value that rests on a repost site alone."""
    notes = []
    if a.latest_meets:
        notes.append(t(f"already_met_{a.target.direction}", language, year=a.latest_year))
    row = a.selection.latest_row
    if row is not None and source_kind(row["source_url"]) == "repost":
        notes.append(t("repost_only", language, year=int(row["year"]),
                       value=format_value(row["value"], row["unit"], language, observation_decimals(row),
                                          lower_bound=bool(row["lower_bound"])),
                       host=host(row["source_url"])))
    return notes


def summary_rows(a: Answer, language: str) -> list[tuple[str, str]]:
    """The summary table: (label, value) pairs, every number formatted as the briefing formats it (a
    required growth that is only a bound read as one, :attr:`~sjzforecast.answer.Answer.growth_bounds`)."""
    colon, bounds = t("colon", language), a.growth_bounds
    return [(t("p_meet_in_year", language, year=a.target.year),
             label("probability", language, p=format_p_meet(a.p_meet, language, a.latest_is_lower_bound),
                   phrase=probability_phrase(a.p_meet, language))),
            (t("required_from_latest", language, year=a.latest_year),
             format_rate(a.required_growth_from_latest, language, bounds["required_growth_from_latest"])),
            (t("required_since", language, since=growth_since(a.growth_basis, language)),
             format_rate(a.required_growth_from_base, language, bounds["required_growth_from_base"])),
            (t("recent_growth_since", language, year=a.recent_growth_since), format_rate(a.recent_growth, language)),
            (t("target", language), briefing.target_line(a, language)),
            (t("model", language), name_of("model", a.model.name, language)),
            (label("categories", language),
             " · ".join(f"{method_name(m, language)}{colon}{category_label(c, language)}"
                        for m, c in a.categories.items()))]


def data_note_lines(a: Answer, language: str) -> list[str]:
    """The briefing's notes on the data (:func:`~sjzforecast.briefing.data_notes`: conflicts, revisions,
    caveats), each kind under its heading as the briefing shows it."""
    colon, separator = t("colon", language), t("semicolon", language)
    return [f"{t(briefing.DATA_NOTE_HEADINGS[kind], language)}{colon}{separator.join(lines)}"
            for kind, lines in briefing.data_notes(a, language).items() if lines]


def summary_html(result: ExploreResult) -> str:
    """Headline, P(meet), the labelled required growth, target, model and categories, then the notes
    (why ``auto`` chose its model, the latest value, the data's conflicts, revisions and caveats), as an
    HTML fragment."""
    language = result.state.language
    if not result.ok:
        return (f'<div class="sjz-explore-summary" style="color:#a94442"><b>⚠ {label("cannot_show", language)}'
                f"</b>{t('colon', language)}{result.message}</div>")
    a = result.answer
    table = "".join(f"<tr><th style='text-align:left'>{_text(k)}</th><td>{_text(v)}</td></tr>"
                    for k, v in summary_rows(a, language))
    notes = [briefing.forecast_context(a, language), briefing.nowcast_note(a, language), briefing.bau_context(a, language),
             *latest_notes(a, language),
             briefing.auto_rule_text(a.model.glance(), language), *data_note_lines(a, language)]
    items = "".join(f"<li>{_text(n)}</li>" for n in notes if n)
    return (f'<div class="sjz-explore-summary"><p><b>{_text(briefing.headline(a, language))}</b></p>'
            f"<table>{table}</table>" + (f"<ul>{items}</ul>" if items else "") + "</div>")


def intro_html(language: str) -> str:
    """What the view is and how to use it, in ``language``: the first thing the explorer shows."""
    return f"<div class='sjz-explore-intro'>{label('intro', language)}</div>"


def static_html(result: ExploreResult) -> str:
    """Introduction, summary and SVG chart: what the explorer shows where widgets cannot render."""
    chart = render_svg(result.chart) if result.chart is not None else ""
    return f"{intro_html(result.state.language)}{summary_html(result)}<div class='sjz-explore-chart'>{chart}</div>"


# -- save as params ------------------------------------------------------------------------
def default_params_name(state: ExploreState) -> str:
    """A file name (without ``.yaml``) for ``state``, e.g. ``explore_rd_intensity_2025_bau``."""
    parts = ["explore", state.indicator, str(state.target_year), state.scenario]
    if state.region != PLAN_REGION and state.region.isascii():
        parts.insert(1, state.region)
    return "_".join(parts)


def is_safe_name(name: str) -> bool:
    """A params file name (without ``.yaml``) of letters, digits, ``_``, ``-`` and ``.``, without ``..``."""
    return bool(SAFE_NAME.match(name)) and ".." not in name


def params_path(state: ExploreState, name: str | None = None, params_dir: str | Path | None = None) -> Path:
    """``<params_dir>/<name>.yaml`` (default :func:`default_params_name` in ``params/``).

    Raises
    ------
    ParamsError
        ``name`` is not a safe file name (:func:`is_safe_name`).
    """
    name = name or default_params_name(state)
    if not is_safe_name(name):
        raise ParamsError(f"params file name {name!r} is not a safe file name "
                          "(letters, digits, '_', '-', '.'; no '..' or slashes)")
    return Path(params_dir or paths.PARAMS_DIR) / f"{name}.yaml"


def save_error_html(error: Exception, state: ExploreState, name: str | None, observations: pd.DataFrame) -> str:
    """Why :func:`save_state_as_params` refused ``state`` as ``name``, as HTML in the state's language."""
    language = state.language
    if name and not is_safe_name(name):
        return _text(label("unsafe_name", language, name=name))
    if isinstance(error, FileExistsError):
        return _text(label("file_exists", language, path=params_path(state, name)))
    try:
        state.question()
    except ValueError as exc:
        return failed_result(state, exc, observations).message
    return _text(str(error))


def save_state_as_params(state: ExploreState, name: str | None = None, params_dir: str | Path | None = None,
                         overwrite: bool = False) -> Path:
    """Write the question of ``state`` as ``<params_dir>/<name>.yaml`` for the batch; return the path.

    The file holds :meth:`Question.to_params <sjzforecast.question.Question.to_params>`: the
    fields that differ from the briefing notebook's defaults, which are the question's.

    Raises
    ------
    ParamsError
        A state that is not a valid question, or an unsafe name; the message says why.
    FileExistsError
        The file exists and ``overwrite`` is false.
    """
    path = params_path(state, name, params_dir)
    try:
        question = state.question()
    except SjzforecastError as exc:
        raise ParamsError(f"{path}: {exc}") from None
    comment = (f"Saved from notebooks/explore.ipynb: {state.indicator} for {state.region}, "
               f"scenario {state.scenario}.")
    save_params(question.to_params(), path, overwrite=overwrite, comment=comment)
    logger.info("saved %s", path)
    return path
