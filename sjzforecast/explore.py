"""The library behind ``notebooks/explore.ipynb``: one function per control, tested without a browser.

An :class:`ExploreState` is a frozen record of every control's value;
:func:`explore_state_to_result` turns it into an :class:`ExploreResult` (the analysis, the fan
chart, P(meet), the required growth and the progress categories) or into a message that says
what is wrong with the input.  :func:`save_state_as_params` writes the state as a params YAML
that the batch turns into a briefing.  The widgets themselves live in
:mod:`sjzforecast.explore_widgets`; :func:`build_explorer` returns them.

Scenario kinds come from :data:`sjzforecast.scenarios.SCENARIOS`.  Kinds that take growth
assumptions (:data:`SCENARIO_OPTIONS`, in percent a year) pass them to
:func:`~sjzforecast.analysis.analyse_indicator` as keyword arguments; an option a kind does not
take, or a kind the library does not know, is explained instead of raised.
"""
from __future__ import annotations

import dataclasses
import functools
import html
import importlib
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import briefing, charts, data, paths
from .analysis import BRIEFING_LEVELS, analyse_indicator, resolve_target
from .formats import format_value
from .i18n import category_label, check_language, region_name, t, verbal_probability
from .models import MODELS, check_levels
from .params import DEFAULT_NOTEBOOK, SAFE_NAME, ParamsError, check_against_data, notebook_defaults, save_params
from .series import select_series

logger = logging.getLogger(__name__)

#: The region whose plan ``data/targets.yaml`` holds; other regions need a target value.
PLAN_REGION = "石家庄"
#: Target year offered when the plan has none: the end of the 14th five-year plan.
DEFAULT_TARGET_YEAR = 2025
#: Suffixes of narrower measures that are not main series (see ``data/README``).
NARROWER_SUFFIXES = ("_target", "_h1", "_q3", "_national", "_provincial_plus", "_with_beijing",
                     "_biopharma", "_13th_fyp_total")
#: Fewest observations a forecast needs.
MIN_POINTS = 2
#: Confidence levels offered (percent); the fan chart shades at most :data:`MAX_LEVELS` of them.
LEVEL_CHOICES = (50, 80, 90, 95, 99)
MAX_LEVELS = 4
#: Growth assumptions (percent a year) each scenario kind takes, by option name.
SCENARIO_OPTIONS = {"growth": ("growth",), "drivers": ("rd_growth", "gdp_growth")}
#: Scenario options whose briefing-notebook parameter has another name.
NOTEBOOK_PARAMETER = {"growth": "growth_rate"}
#: Words the explorer shows that the briefing does not.
LABELS = {
    "growth": {"zh": "假设年均增速 (%)", "en": "Assumed growth (% a year)"},
    "rd_growth": {"zh": "研发投入年均增速 (%)", "en": "R&D growth (% a year)"},
    "gdp_growth": {"zh": "GDP 年均增速 (%)", "en": "GDP growth (% a year)"},
    "categories": {"zh": "进展评估", "en": "Progress categories"},
    "levels": {"zh": "置信水平", "en": "Confidence levels"},
    "per_year": {"zh": "/年", "en": " a year"},
    "cannot_show": {"zh": "无法计算", "en": "Cannot compute this scenario"},
}


def label(key: str, language: str = "zh") -> str:
    """An explorer label (:data:`LABELS`) or, failing that, a briefing label."""
    check_language(language)
    return LABELS[key][language] if key in LABELS else t(key, language)


# -- choices for the dropdowns -------------------------------------------------------------
def is_main_series(indicator: str) -> bool:
    """False for narrower measures such as ``rd_intensity_target`` or ``gdp_h1``."""
    return not indicator.endswith(NARROWER_SUFFIXES)


def _points(observations: pd.DataFrame) -> pd.Series:
    """Distinct years observed per (region, indicator), main series only."""
    main = observations[observations["indicator"].map(is_main_series)]
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
    """``"rd_intensity · 全社会研发经费投入强度"`` for indicators with a plan target, else the id."""
    hit = targets[targets["indicator"] == indicator]
    if hit.empty:
        return indicator
    return f"{indicator} · {hit.iloc[0]['name_zh' if language == 'zh' else 'name_en']}"


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


def plan_row(targets: pd.DataFrame, region: str, indicator: str) -> pd.Series | None:
    """``region``'s plan target row for ``indicator`` (None where the region's plan has none)."""
    plan = data.plan_targets(targets, region)
    hit = plan[plan["indicator"] == indicator]
    return None if hit.empty else hit.iloc[0]


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
    """Every control's value.  Frozen and hashable; change it with :meth:`replace`.

    Parameters
    ----------
    region, indicator : str
        Keys into the observations.
    scenario : str
        A scenario kind (see :func:`scenario_choices`).
    scenario_options : mapping of str to float
        Growth assumptions in percent a year (see :data:`SCENARIO_OPTIONS`); stored as sorted pairs.
    target_value : float, optional
        A level to reach; None uses the plan's target (regions with a plan in ``data/targets.yaml``).
    target_year : int
        Year in which the target is judged.
    model : str
        Model name or ``"auto"``.
    levels : tuple of int
        Confidence levels of the fan chart, in percent.
    seed, n_paths, end_year : int
        Simulation seed, number of paths, last year of the outlook.
    language : {"zh", "en"}
    """

    region: str = PLAN_REGION
    indicator: str = "rd_intensity"
    scenario: str = "bau"
    scenario_options: tuple[tuple[str, float], ...] = ()
    target_value: float | None = None
    target_year: int = DEFAULT_TARGET_YEAR
    model: str = "auto"
    levels: tuple[int, ...] = BRIEFING_LEVELS
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


def initial_state(region: str = PLAN_REGION, indicator: str = "rd_intensity", target_year: int = 0,
                  target_value: float = 0.0, observations: pd.DataFrame | None = None,
                  targets: pd.DataFrame | None = None, **choices) -> ExploreState:
    """The state a notebook's parameters describe; ``0`` means "the default" for the target.

    ``target_year = 0`` takes :func:`target_defaults`; ``target_value = 0`` takes the plan's
    target (:data:`PLAN_REGION`) or the latest value.  Other ``choices`` are
    :class:`ExploreState` fields.
    """
    observations, targets = load_data(observations, targets)
    try:
        defaults = target_defaults(observations, targets, region, indicator)
    except ValueError:  # no such series: the explorer says so when it computes the state
        defaults = TargetDefaults(DEFAULT_TARGET_YEAR, 0.0, None)
    value = target_value or None
    if value is None and defaults.plan_target is None and defaults.target_value > 0:
        value = defaults.target_value
    return ExploreState(region=region, indicator=indicator, target_year=target_year or defaults.target_year,
                        target_value=value, **choices)


@functools.lru_cache(maxsize=1)
def _project_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    return data.load_observations(), data.load_targets()


def load_data(observations: pd.DataFrame | None = None,
              targets: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The given frames, or the project's data files (read once per process)."""
    if observations is None or targets is None:
        default_obs, default_targets = _project_data()
        observations = default_obs if observations is None else observations
        targets = default_targets if targets is None else targets
    return observations, targets


# -- checks --------------------------------------------------------------------------------
def check_state(state: ExploreState, observations: pd.DataFrame, targets: pd.DataFrame) -> str | None:
    """Why ``state`` cannot be computed, in words for the user; None if it looks fine.

    Checks growth assumptions (not below -100 %), the scenario kind and its options against the
    scenario kind, the data (at least :data:`MIN_POINTS` years), the target year (not
    before the data), a target for regions without a plan, and the confidence levels.
    """
    language = state.language if state.language in ("zh", "en") else "en"
    for key, value in state.scenario_options:
        if not math.isfinite(value) or value <= -100:
            return (f"{label(key, 'en') if key in LABELS else key} = {value:g} %: a growth rate must be above "
                    "-100 % a year (a value cannot fall by more than all of itself).")
    known = scenario_choices()
    if state.scenario not in known:
        return f"No scenario named {state.scenario!r}; known: {', '.join(known)}."
    unsupported = [k for k in state.options if k not in SCENARIO_OPTIONS.get(state.scenario, ())]
    if unsupported:
        return (f"Scenario {state.scenario!r} takes no options {unsupported}; "
                f"it takes {list(SCENARIO_OPTIONS.get(state.scenario, ())) or 'none'}.")
    try:
        series = select_series(observations, state.region, state.indicator).series
    except ValueError as exc:
        return str(exc)
    if len(series) < MIN_POINTS:
        return (f"{region_name(state.region, language)} has {len(series)} observation(s) of "
                f"{state.indicator!r} ({', '.join(map(str, series.index))}); a forecast needs at least "
                f"{MIN_POINTS} years.")
    last_year = int(series.index[-1])
    if state.target_year < last_year:
        return (f"Target year {state.target_year} is before the last observation of {state.indicator!r} for "
                f"{region_name(state.region, language)} ({last_year}); choose {last_year} or later.")
    if state.target_value is not None and not state.target_value > 0:
        return f"Target value {state.target_value:g}: enter a positive level to reach."
    if state.target_value is None and plan_row(targets, state.region, state.indicator) is None:
        return (f"There is no plan target for {state.indicator!r} in {region_name(state.region, language)}: "
                "enter a target value.")
    if not state.levels or len(state.levels) > MAX_LEVELS:
        return f"Choose between 1 and {MAX_LEVELS} confidence levels (got {len(state.levels)})."
    try:
        check_levels(state.levels)
    except ValueError as exc:
        return str(exc)
    return None


# -- result --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExploreResult:
    """What the explorer shows for one state: results, or a message saying why there are none."""

    state: ExploreState
    message: str = ""
    analysis: object | None = None  # an IndicatorAnalysis
    chart: object | None = None  # an Altair chart
    categories: tuple[tuple[str, str], ...] = ()  # (method, category)
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.analysis is not None

    @property
    def probability(self) -> float | None:
        return None if self.analysis is None else self.analysis.probability

    @property
    def required_growth(self) -> float | None:
        return None if self.analysis is None else self.analysis.required_growth


def analysis_arguments(state: ExploreState) -> dict:
    """Keyword arguments of :func:`~sjzforecast.analysis.analyse_indicator` for ``state``."""
    return dict(region=state.region, indicator=state.indicator, target_year=state.target_year,
                target_value=state.target_value, scenario=state.scenario, model=state.model,
                seed=state.seed, n_paths=state.n_paths, end_year=state.end_year, levels=state.levels,
                **state.options)


def progress_categories(analysis, targets: pd.DataFrame) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """``((method, category), ...)`` by every method of :mod:`sjzforecast.progress`, and notes.

    The module is imported lazily; without it there are no categories and one note.  The
    ``probability`` method reuses the analysis's simulated paths.  A method that raises
    ``ValueError`` gives ``not_assessable`` and a note.
    """
    try:
        progress = importlib.import_module("sjzforecast.progress")
    except ImportError:
        return (), ("Progress categories need sjzforecast.progress, which this version does not have.",)
    target = analysis.target
    base_year = None
    if target.target_id != "user":
        row = data.find_target(targets, target.target_id)
        base_year = int(row["base_year"]) if int(row["base_year"]) in analysis.series.index else None
    categories, notes = [], []
    for method in progress.METHODS:
        extra = {"paths": analysis.paths} if method == "probability" else {}
        try:
            verdict = progress.assess(analysis.series, target.level, target.year, base_year=base_year,
                                      direction=target.direction, method=method, **extra)
            categories.append((method, verdict.category))
        except ValueError as exc:
            categories.append((method, "not_assessable"))
            notes.append(f"{method}: {exc}")
    return tuple(categories), tuple(notes)


def explore_state_to_result(state: ExploreState, observations: pd.DataFrame | None = None,
                            targets: pd.DataFrame | None = None) -> ExploreResult:
    """The analysis, fan chart and progress categories for ``state``; never raises for bad input.

    Returns
    -------
    ExploreResult
        ``ok`` with the results, or with ``message`` saying what to change.
    """
    observations, targets = load_data(observations, targets)
    message = check_state(state, observations, targets)
    if message is None:
        try:
            analysis = analyse_indicator(observations=observations, targets=targets, **analysis_arguments(state))
            chart = briefing.fan_chart(analysis, state.language)
        except ValueError as exc:
            message = str(exc)
    if message is not None:
        logger.info("explore: %s", message)
        return ExploreResult(state, message=message)
    categories, notes = progress_categories(analysis, targets)
    return ExploreResult(state, analysis=analysis, chart=chart, categories=categories, notes=notes)


# -- display -------------------------------------------------------------------------------
def render_svg(chart) -> str:
    """The chart as SVG (vl-convert: offline, no JavaScript needed to view it).

    The spec is not validated again here: :func:`explore_state_to_result` builds it with the
    briefing's own :func:`~sjzforecast.briefing.fan_chart`, whose output the tests validate.
    """
    import vl_convert

    return vl_convert.vegalite_to_svg(charts.fixed_width(chart.to_dict(validate=False)))


def _percent(x: float | None, language: str) -> str:
    return "—" if x is None else f"{100 * x:.1f} %{label('per_year', language)}"


def _text(text: str) -> str:
    """``text`` escaped for HTML element content (quotes stay readable)."""
    return html.escape(text, quote=False)


def _target_text(target) -> str:
    text = f"{format_value(target.level, target.unit, 'zh')} ({target.year})"
    return text if target.kind == "level" else f"{text}: {target.description}"


def summary_html(result: ExploreResult) -> str:
    """Headline, P(meet), required and recent growth, target and categories, as an HTML fragment."""
    language = result.state.language
    if not result.ok:
        return (f'<div class="sjz-explore-message" style="color:#a94442"><b>⚠ {label("cannot_show", language)}'
                f"</b>: {_text(result.message)}</div>")
    a = result.analysis
    rows = [(t("probability_of_meeting", language),
             f"{100 * a.probability:.0f} % ({t(verbal_probability(a.probability), language)})"),
            (t("required_growth", language), _percent(a.required_growth, language)),
            (t("recent_growth", language), _percent(a.recent_growth, language)),
            (t("target", language), _target_text(a.target)),
            (t("model", language), a.model.name)]
    if result.categories:
        rows.append((label("categories", language), " · ".join(f"{m}: {category_label(c, language)}" for m, c in result.categories)))
    table = "".join(f"<tr><th style='text-align:left'>{_text(k)}</th><td>{_text(v)}</td></tr>"
                    for k, v in rows)
    notes = [*briefing.conflict_lines(a, language), *result.notes]
    items = "".join(f"<li>{_text(n)}</li>" for n in notes)
    return (f'<div class="sjz-explore-summary"><p><b>{_text(briefing.headline(a, language))}</b></p>'
            f"<table>{table}</table>" + (f"<ul>{items}</ul>" if items else "") + "</div>")


def static_html(result: ExploreResult) -> str:
    """Summary and SVG chart: what the explorer shows where widgets cannot render."""
    chart = render_svg(result.chart) if result.chart is not None else ""
    return f"{summary_html(result)}<div class='sjz-explore-chart'>{chart}</div>"


# -- save as params ------------------------------------------------------------------------
def state_to_params(state: ExploreState) -> dict:
    """The params of the briefing notebook that reproduce ``state``.

    ``levels`` is left out: it is a display choice that the briefing notebook does not take.
    """
    doc = dict(region=state.region, indicator=state.indicator, target_year=state.target_year,
               scenario=state.scenario, model=state.model, seed=state.seed, n_paths=state.n_paths,
               end_year=state.end_year, language=state.language)
    if state.target_value is not None:
        doc["target_value"] = float(state.target_value)
    doc.update({NOTEBOOK_PARAMETER.get(key, key): float(value) for key, value in state.options.items()})
    return doc


def default_params_name(state: ExploreState) -> str:
    """A file name (without ``.yaml``) for ``state``, e.g. ``explore_rd_intensity_2025_bau``."""
    parts = ["explore", state.indicator, str(state.target_year), state.scenario]
    if state.region != PLAN_REGION and state.region.isascii():
        parts.insert(1, state.region)
    return "_".join(parts)


def save_state_as_params(state: ExploreState, name: str | None = None, params_dir: str | Path | None = None,
                         overwrite: bool = False, observations: pd.DataFrame | None = None,
                         targets: pd.DataFrame | None = None) -> Path:
    """Write ``state`` as ``<params_dir>/<name>.yaml`` for the batch; return the path.

    Checked like a batch run (:func:`~sjzforecast.params.validate_params` and
    :func:`~sjzforecast.params.check_against_data`) before anything is written.

    Raises
    ------
    ParamsError
        A state the batch could not run; the message says why.
    FileExistsError
        The file exists and ``overwrite`` is false.
    """
    observations, targets = load_data(observations, targets)
    name = name or default_params_name(state)
    if not SAFE_NAME.match(name) or ".." in name:
        raise ParamsError(f"params file name {name!r} is not a safe file name "
                          "(letters, digits, '_', '-', '.'; no '..' or slashes)")
    path = Path(params_dir or paths.PARAMS_DIR) / f"{name}.yaml"
    message = check_state(state, observations, targets)
    if message is not None:
        raise ParamsError(f"{path}: {message}")
    doc = state_to_params(state)
    merged = {**notebook_defaults(paths.NOTEBOOKS_DIR / DEFAULT_NOTEBOOK), **doc}
    check_against_data(merged, path, observations, targets)
    comment = (f"Saved from notebooks/explore.ipynb: {state.indicator} for {state.region}, "
               f"scenario {state.scenario}.")
    save_params(doc, path, overwrite=overwrite, comment=comment)
    logger.info("saved %s", path)
    return path


def build_explorer(state: ExploreState | None = None, observations: pd.DataFrame | None = None,
                   targets: pd.DataFrame | None = None):
    """The explorer's widget box (see :mod:`sjzforecast.explore_widgets`).

    Without ipywidgets, a static view of ``state`` that displays as HTML.
    """
    from .explore_widgets import build_explorer as build

    return build(state, observations, targets)
