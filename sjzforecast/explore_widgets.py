"""The ipywidgets explorer: controls wired to :mod:`sjzforecast.explore`, no computation of its own.

:func:`build_explorer` returns an :class:`ExplorerBox` (an ``ipywidgets.VBox``).  Its display
bundle also carries a static HTML rendering of the current state (summary and SVG chart), so
that where widgets cannot render (papermill, nbconvert, an untrusted notebook) the default
scenario is shown instead of a widget placeholder.  Without ipywidgets installed,
:func:`build_explorer` returns a :class:`StaticExplorer` that displays only that HTML.
"""
from __future__ import annotations

import contextlib
import html
import logging
import math

from . import explore as ex
from .i18n import name_of, region_name, scenario_label

logger = logging.getLogger(__name__)

try:
    import ipywidgets as widgets
except ImportError:  # pragma: no cover - exercised by monkeypatching in the tests
    widgets = None

#: Value the growth controls start at (percent a year).
DEFAULT_GROWTH = 5.0


class StaticExplorer:
    """One state's result as HTML, for when ipywidgets is unavailable."""

    def __init__(self, result: ex.ExploreResult):
        self.result = result

    def _repr_html_(self) -> str:
        return ex.static_html(self.result)


def build_explorer(state: ex.ExploreState | None = None, observations=None, targets=None):
    """The explorer for ``state`` (default :func:`~sjzforecast.explore.initial_state`).

    Returns
    -------
    ExplorerBox or StaticExplorer
        The widget box (its ``.explorer`` holds the controls and the current result), or a
        static view when ipywidgets cannot be imported.
    """
    observations, targets = ex.data_frames(observations, targets)
    state = state or ex.initial_state(observations=observations, targets=targets)
    if widgets is None:
        logger.warning("ipywidgets is not installed: showing the default scenario without controls")
        return StaticExplorer(ex.explore_state_to_result(state, observations, targets))
    return Explorer(state, observations, targets).box


if widgets is not None:
    class ExplorerBox(widgets.VBox):
        """A VBox whose display bundle adds a static HTML fallback of the current result.

        Frontends with widget support render the widget (JupyterLab ranks it first); papermill,
        nbconvert and untrusted notebooks show the HTML.
        """

        explorer = None  # the Explorer behind the box

        def _repr_mimebundle_(self, **kwargs):
            bundle = super()._repr_mimebundle_(**kwargs)
            if isinstance(bundle, dict) and self.explorer is not None and self.explorer.result is not None:
                bundle["text/html"] = ex.static_html(self.explorer.result)
            return bundle


def _with(options: list[tuple[str, object]], current) -> list[tuple[str, object]]:
    """Dropdown options ``(label, value)`` that include the value ``current`` (from the notebook's
    parameters), so that an unknown choice is explained by the explorer's message instead of failing in the widget."""
    return options if current in [value for _, value in options] else [*options, (str(current), current)]


def choice_options(language: str, observations, targets, region: str) -> dict[str, list[tuple[str, object]]]:
    """``(label, value)`` options of every dropdown, labelled in ``language``: region and indicator
    names, scenario and model names (values stay the ids a params file takes)."""
    return {
        "region": [(region_name(r, language), r) for r in ex.region_choices(observations)],
        "indicator": [(ex.indicator_label(targets, i, language), i) for i in ex.indicator_choices(observations, region)],
        "scenario": [(scenario_label(s, language), s) for s in ex.scenario_choices()],
        "model": [(name_of("model", m, language), m) for m in ex.model_choices()],
        "language": [(name, code) for code, name in ex.LANGUAGE_NAMES.items()],
    }


class Explorer:
    """The controls, their callbacks and the current :class:`~sjzforecast.explore.ExploreResult`.

    Every control change builds an :class:`~sjzforecast.explore.ExploreState` from the widget
    values (:meth:`state`) and redraws (:meth:`update`).  Changing region or indicator resets the
    target controls to :func:`~sjzforecast.explore.target_defaults`.
    """

    def __init__(self, state: ex.ExploreState, observations, targets):
        self.observations, self.targets = observations, targets
        self.result: ex.ExploreResult | None = None
        self._holding = False
        self._custom_target = state.target_value is not None
        layout = widgets.Layout(width="400px")
        style = {"description_width": "170px"}  # "Assumed growth (% a year)" in full
        options = choice_options(state.language, observations, targets, state.region)
        self.region, self.indicator, self.scenario, self.model = (
            widgets.Dropdown(options=_with(options[key], getattr(state, key)), value=getattr(state, key),
                             layout=layout, style=style) for key in ("region", "indicator", "scenario", "model"))
        self.growth = {key: widgets.FloatText(value=state.options.get(key, DEFAULT_GROWTH), layout=layout, style=style)
                       for keys in ex.SCENARIO_OPTIONS.values() for key in keys}
        value = state.target_value
        if value is None:
            value = ex.plan_level(observations, targets, state.region, state.indicator, state.target_year)
        self.target_value = widgets.FloatText(value=value if value is not None else 0.0, layout=layout, style=style)
        self.target_year = widgets.IntText(value=state.target_year, layout=layout, style=style)
        self.language = widgets.ToggleButtons(options=_with(options["language"], state.language), value=state.language,
                                              style=style)
        self.levels = widgets.SelectMultiple(options=ex.LEVEL_CHOICES, value=tuple(state.levels), rows=5,
                                             description="%", layout=widgets.Layout(width="140px"))
        self.levels_title = widgets.HTML()
        self.fixed = {"seed": state.seed, "n_paths": state.n_paths, "end_year": state.end_year}
        self.intro, self.summary, self.chart = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self._default_name = ex.default_params_name(state)
        self.save_name = widgets.Text(value=self._default_name, layout=widgets.Layout(width="320px"))
        self.overwrite = widgets.Checkbox(value=False, indent=False)
        self.save_button = widgets.Button(icon="save")
        self.save_status = widgets.HTML()
        self.box = self._layout()
        self._label(state.language)
        self._observe()
        self._enable_growth()
        self.update()

    # -- layout and wiring ---------------------------------------------------------------
    def _layout(self):
        controls = widgets.VBox([self.region, self.indicator, self.scenario, *self.growth.values(),
                                 self.target_value, self.target_year, self.model, self.language])
        levels = widgets.VBox([self.levels_title, self.levels])
        save = widgets.HBox([self.save_name, self.overwrite, self.save_button])
        box = ExplorerBox([self.intro, widgets.HBox([controls, levels]), self.summary, self.chart, save,
                           self.save_status])
        box.explorer = self
        return box

    def _label(self, language: str):
        """Name every control, and every choice of a dropdown, in ``language`` (values are kept)."""
        described = {"region": self.region, "indicator": self.indicator, "scenario": self.scenario,
                     **self.growth, "target": self.target_value, "year": self.target_year, "model": self.model,
                     "language": self.language, "save_name": self.save_name, "overwrite": self.overwrite}
        for key, w in described.items():
            w.description = ex.label(key, language)
        self.save_button.description = ex.label("save", language)
        self.intro.value = ex.intro_html(language)
        self.levels_title.value = f"<b>{html.escape(ex.label('levels', language))}</b>"
        with self._hold():
            for key, options in choice_options(language, self.observations, self.targets, self.region.value).items():
                w = getattr(self, key)
                w.options, w.value = _with(options, w.value), w.value

    def _observe(self):
        self.region.observe(self._on_region, "value")
        self.indicator.observe(self._on_indicator, "value")
        self.scenario.observe(self._on_scenario, "value")
        self.target_year.observe(self._on_target_year, "value")
        self.target_value.observe(self._on_target_value, "value")
        self.language.observe(self._on_language, "value")
        for w in (*self.growth.values(), self.model, self.levels):
            w.observe(self.update, "value")
        self.save_button.on_click(self.save)

    @contextlib.contextmanager
    def _hold(self):
        """Change several controls without a redraw per change."""
        held, self._holding = self._holding, True
        try:
            yield
        finally:
            self._holding = held

    def _indicator_options(self, region: str) -> list[tuple[str, str]]:
        return choice_options(self.language.value, self.observations, self.targets, region)["indicator"]

    def _plan_level(self) -> float | None:
        return ex.plan_level(self.observations, self.targets, self.region.value, self.indicator.value,
                             self.target_year.value)

    def _reset_target(self):
        defaults = ex.target_defaults(self.observations, self.targets, self.region.value, self.indicator.value)
        self._custom_target = defaults.plan_target is None
        self.target_year.value = defaults.target_year
        self.target_value.value = defaults.target_value

    def _enable_growth(self):
        used = ex.SCENARIO_OPTIONS.get(self.scenario.value, ())
        for key, w in self.growth.items():
            w.disabled = key not in used

    # -- callbacks ----------------------------------------------------------------------
    def _on_region(self, change):
        if self._holding:  # relabelled, not changed
            return
        with self._hold():
            options = self._indicator_options(self.region.value)
            current = self.indicator.value
            self.indicator.options = options
            values = [v for _, v in options]
            if values:
                self.indicator.value = current if current in values else values[0]
            self._reset_target()
        self.update()

    def _on_indicator(self, change):
        if self._holding:
            return
        with self._hold():
            self._reset_target()
        self.update()

    def _on_language(self, change):
        self._label(self.language.value)
        self.update()

    def _on_scenario(self, change):
        self._enable_growth()
        self.update()

    def _on_target_year(self, change):
        if self._holding:
            return
        level = self._plan_level()
        if not self._custom_target and level is not None:
            with self._hold():
                self.target_value.value = level
        self.update()

    def _on_target_value(self, change):
        if self._holding:
            return
        level = self._plan_level()
        self._custom_target = level is None or not math.isclose(self.target_value.value, level, rel_tol=1e-9)
        self.update()

    # -- state, redraw, save ------------------------------------------------------------
    def state(self) -> ex.ExploreState:
        """The controls' values as an :class:`~sjzforecast.explore.ExploreState`."""
        used = ex.SCENARIO_OPTIONS.get(self.scenario.value, ())
        return ex.ExploreState(
            region=self.region.value, indicator=self.indicator.value, scenario=self.scenario.value,
            scenario_options={key: self.growth[key].value for key in used},
            target_value=self.target_value.value if self._custom_target else None,
            target_year=self.target_year.value, model=self.model.value,
            levels=tuple(sorted(self.levels.value)), language=self.language.value, **self.fixed)

    def update(self, change=None) -> ex.ExploreResult | None:
        """Recompute for the current controls and redraw the summary and the chart."""
        if self._holding:
            return None
        state = self.state()
        try:
            self.result = ex.explore_state_to_result(state, self.observations, self.targets)
            self.summary.value = ex.summary_html(self.result)
            self.chart.value = ex.render_svg(self.result.chart) if self.result.ok else ""
        except Exception as exc:  # a control must never leave a traceback
            logger.exception("explore: unexpected error for %s", state)
            self.result = ex.failed_result(state, exc, self.observations)
            self.summary.value, self.chart.value = ex.summary_html(self.result), ""
        if self.save_name.value == self._default_name:  # follow the controls until the user names it
            self.save_name.value = self._default_name = ex.default_params_name(state)
        return self.result

    def save(self, button=None):
        """Save the current state as a params file; report the outcome in the status line, in the view's language."""
        state, name = self.state(), self.save_name.value.strip() or None
        try:
            path = ex.save_state_as_params(state, name, overwrite=self.overwrite.value)
        except (FileExistsError, ValueError) as exc:
            error = ex.save_error_html(exc, state, name, self.observations)
            self.save_status.value = f"<span style='color:#a94442'>⚠ {error}</span>"
            return None
        code = f"<code>{html.escape(str(path))}</code>"
        self.save_status.value = ex.label("saved", state.language, path=code, command=(
            f"<code>.venv/bin/sjzforecast batch {html.escape(str(path))} --out reports/</code>"))
        return path
