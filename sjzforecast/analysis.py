"""Everything one briefing needs about one indicator: data, target, forecast, scenarios, P(meet).

:func:`analyse_indicator` is the single library call behind the briefing notebook: it picks the
series (reporting conflicts), resolves the target into a level in the target year, fits the
model, simulates paths and compares them with the target path.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import data as data_module
from .forecast import fit_model
from .models import summarize_paths
from .scenarios import SCENARIOS, first_passage, probability_of_meeting, required_growth, target_path
from .series import SeriesSelection, select_series

logger = logging.getLogger(__name__)

#: Interval levels shown in briefings (equal-tailed).
BRIEFING_LEVELS = (50, 80, 95)


@dataclass(frozen=True)
class ResolvedTarget:
    """A target turned into a level to reach (or not exceed) in one year."""

    target_id: str
    level: float
    year: int
    kind: str
    direction: str
    name_zh: str
    name_en: str
    unit: str
    quote: str
    description: str


def resolve_target(target_row: pd.Series | None, series: pd.Series, target_year: int,
                   target_value: float | None = None, direction: str = "increase") -> ResolvedTarget:
    """The level that meets the target in ``target_year``.

    * ``target_value`` given: a level target set by the user;
    * ``level``: the plan's value, judged in ``target_year``;
    * ``cumulative_increase``: ``base_value + target_value``;
    * ``growth_rate``: :math:`V_{base} (1 + g/100)^{t - t_{base}}`, from the observed base-year value.

    Raises
    ------
    ValueError
        No target and no ``target_value``, or a growth-rate target without a base-year observation.
    """
    if target_value is not None:
        name = target_row if target_row is not None else {}
        return ResolvedTarget(
            target_id="user", level=float(target_value), year=int(target_year), kind="level",
            direction=direction, name_zh=str(name.get("name_zh", series.name)),
            name_en=str(name.get("name_en", series.name)), unit=str(name.get("unit", "")),
            quote="", description=f"user target {target_value:g} in {target_year}")
    if target_row is None:
        raise ValueError(f"no plan target for {series.name!r}: give target_value")
    kind = target_row["target_kind"]
    if kind == "growth_rate":
        base_year = int(target_row["base_year"])
        if base_year not in series.index:
            raise ValueError(f"growth-rate target {target_row['target_id']!r} needs an observation in its base "
                             f"year {base_year}; the series has {list(series.index)}")
        g = float(target_row["target_value"]) / 100.0
        level = float(series[base_year]) * (1.0 + g) ** (target_year - base_year)
        description = f"{target_row['target_value']:g} % a year from {base_year}"
    else:
        level = float(target_row["target_level"])
        description = (f"[+{target_row['target_value']:g}] over {target_row['base_year']}"
                       if kind == "cumulative_increase" else f"{level:g}")
    return ResolvedTarget(
        target_id=str(target_row["target_id"]), level=level, year=int(target_year), kind=kind,
        direction=str(target_row["direction"]), name_zh=str(target_row["name_zh"]),
        name_en=str(target_row["name_en"]), unit=str(target_row["unit"]), quote=str(target_row["quote"]),
        description=description)


@dataclass
class IndicatorAnalysis:
    """Results for one region, indicator and target; see :func:`analyse_indicator`."""

    region: str
    indicator: str
    scenario: str
    selection: SeriesSelection
    target: ResolvedTarget
    model: object
    paths: pd.DataFrame
    forecast: pd.DataFrame
    target_path: pd.Series | None
    probability: float
    first_passage: pd.Series
    required_growth: float | None
    recent_growth: float | None
    params: dict = field(default_factory=dict)

    @property
    def series(self) -> pd.Series:
        return self.selection.series

    @property
    def last_year(self) -> int:
        return int(self.series.index[-1])

    @property
    def last_value(self) -> float:
        return float(self.series.iloc[-1])

    def scenario_frame(self) -> pd.DataFrame:
        """Tidy frame: region, indicator, scenario, year, value and quantile columns."""
        bau = self.forecast.reset_index().assign(scenario="bau").rename(columns={"mean": "value"})
        frames = [bau]
        if self.target_path is not None:
            frames.append(pd.DataFrame({"year": self.target_path.index, "value": self.target_path.to_numpy(),
                                        "scenario": "target_path"}))
        out = pd.concat(frames, ignore_index=True)
        out.insert(0, "indicator", self.indicator)
        out.insert(0, "region", self.region)
        return out[["region", "indicator", "scenario", "year", "value",
                    *[c for c in out.columns if c.startswith(("lo-", "hi-"))]]]


def recent_cagr(series: pd.Series) -> float | None:
    """Compound annual growth between the last two observations (None if not positive)."""
    if len(series) < 2 or series.iloc[-1] <= 0 or series.iloc[-2] <= 0:
        return None
    span = series.index[-1] - series.index[-2]
    return float((series.iloc[-1] / series.iloc[-2]) ** (1 / span) - 1)


def analyse_indicator(region: str = "石家庄", indicator: str = "rd_intensity", target: str | None = None,
                      target_year: int = 2025, target_value: float | None = None, scenario: str = "bau",
                      model: str = "auto", seed: int = 0, n_paths: int = 10_000, end_year: int = 2030,
                      observations: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
                      levels=BRIEFING_LEVELS) -> IndicatorAnalysis:
    """Forecast one indicator and compare it with its target.

    Parameters
    ----------
    region, indicator : str
        Keys into the observations.
    target : str, optional
        A ``target_id`` of ``data/targets.yaml``; default: the target whose indicator is ``indicator``.
    target_year : int
        Year in which the target is judged.
    target_value : float, optional
        A level to use instead of the plan's target.
    scenario : {"bau", "target_path"}
        The scenario the briefing leads with.
    model : str
        Model name or ``"auto"``.
    seed, n_paths : int
        Simulation seed and number of paths.
    end_year : int
        Last year of the outlook shown.

    Raises
    ------
    ValueError
        Unknown region, indicator, target or scenario; a target year before the last observation.
    """
    if scenario not in SCENARIOS:
        raise ValueError(f"No scenario named {scenario!r}; known: {list(SCENARIOS)}")
    observations = data_module.load_observations() if observations is None else observations
    targets = data_module.load_targets() if targets is None else targets
    selection = select_series(observations, region, indicator)
    series = selection.series
    last_year = int(series.index[-1])
    if target_year < last_year:
        raise ValueError(f"target_year {target_year} is before the last observation of {indicator!r} "
                         f"for {region!r} ({last_year}); choose {last_year} or later")
    target_row = None
    if target is not None:
        target_row = data_module.find_target(targets, target)
    elif (targets["indicator"] == indicator).any():
        target_row = data_module.find_target(targets, indicator)
    resolved = resolve_target(target_row, series, target_year, target_value)

    fitted = fit_model(series, model)
    h = max(end_year, target_year, last_year + 1) - last_year
    paths = pd.DataFrame(fitted.simulate(h, n_paths=n_paths, seed=seed),
                         columns=pd.Index(fitted.forecast_years(h), name="year"))
    forecast = summarize_paths(paths.to_numpy(), paths.columns, levels)

    if target_year == last_year:
        observed = series.iloc[-1]
        met = observed >= resolved.level if resolved.direction == "increase" else observed <= resolved.level
        probability, growth, path = float(met), None, None
    else:
        probability = probability_of_meeting(paths, resolved.level, target_year, resolved.direction)
        growth = required_growth(last_year, float(series.iloc[-1]), resolved.level, target_year)
        path = target_path(last_year, float(series.iloc[-1]), resolved.level, target_year)
    logger.info("%s %s: P(meet %g in %d) = %.3f with %s", region, indicator, resolved.level, target_year,
                probability, fitted.name)
    return IndicatorAnalysis(
        region=region, indicator=indicator, scenario=scenario, selection=selection, target=resolved,
        model=fitted, paths=paths, forecast=forecast, target_path=path, probability=probability,
        first_passage=first_passage(paths, resolved.level, resolved.direction),
        required_growth=growth, recent_growth=recent_cagr(series),
        params=dict(region=region, indicator=indicator, target=target, target_year=target_year,
                    target_value=target_value, scenario=scenario, model=model, seed=seed,
                    n_paths=n_paths, end_year=end_year))
