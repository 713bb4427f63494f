"""Everything one briefing needs about one indicator: data, target, forecast, scenarios, P(meet).

:func:`analyse_indicator` is the single library call behind the briefing notebook: it picks the
series (reporting conflicts), resolves the target into a level in the target year, fits the
model, simulates paths and compares them with the target path.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd

from . import data as data_module
from .effort import PeerFeasibility, compound_annual_growth, current_pace, peer_feasibility_for, required_growth
from .forecast import fit_model
from .models import summarize_paths
from .peers import peer_prior_for
from .progress.targets import TARGET_MODES, target_level_in_year  # noqa: F401  (re-exported)
from .scenarios import (RATIO_INDICATORS, check_scenario, combine_scenarios, driver_path,
                        first_passage, growth_path, probability_of_meeting, quantile_path, tidy_scenario,
                        target_path)
from .series import SeriesSelection, select_series

logger = logging.getLogger(__name__)

#: Interval levels shown in briefings (equal-tailed).
BRIEFING_LEVELS = (50, 80, 95)
#: Years over which the ``drivers`` scenario measures GDP growth when none is given.
GDP_GROWTH_SPAN = 3


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
    base_year: int | None = None  # the plan's base year; None for a user target


def resolve_target(target_row: pd.Series | None, series: pd.Series, target_year: int,
                   target_value: float | None = None, direction: str = "increase",
                   mode: str = "plan") -> ResolvedTarget:
    """The level that meets the target in ``target_year`` (any year after the target's base year).

    * ``target_value`` given: a level target set by the user;
    * otherwise the plan's target read by :func:`target_level_in_year` in ``mode``
      (``level``: the plan's value; ``cumulative_increase``: ``base_value + target_value``;
      ``growth_rate``: :math:`y_b (1 + g/100)^{t - b}` from the observed base-year value).

    Raises
    ------
    ValueError
        No target and no ``target_value``, or the errors of :func:`target_level_in_year`
        (e.g. a growth-rate target without a base-year observation).
    """
    if target_value is not None:
        name = target_row if target_row is not None else {}
        return ResolvedTarget(
            target_id="user", level=float(target_value), year=int(target_year), kind="level",
            direction=direction, name_zh=str(name.get("name_zh", series.name)),
            name_en=str(name.get("name_en", series.name)), unit=str(name.get("unit", "")),
            quote="", description=f"user target {target_value:g} in {target_year}")
    if target_row is None:
        raise ValueError(f"no plan target for {series.name!r} in this region: give target_value")
    kind, base_year, plan_year = target_row["target_kind"], int(target_row["base_year"]), int(target_row["target_year"])
    if kind == "growth_rate" and base_year not in series.index:
        raise ValueError(f"growth-rate target {target_row['target_id']!r} needs an observation in its base "
                         f"year {base_year}; the series has {list(series.index)}")
    level = target_level_in_year(kind, float(target_row["target_value"]), base_year, float(target_row["base_value"]),
                                 plan_year, int(target_year),
                                 float(series[base_year]) if base_year in series.index else None, mode)
    if kind == "growth_rate":
        description = f"{target_row['target_value']:g} % a year from {base_year}"
    elif kind == "cumulative_increase":
        description = f"[+{target_row['target_value']:g}] over {base_year} by {plan_year}"
    else:
        description = f"{target_row['target_value']:g} by {plan_year}"
    if target_year != plan_year and kind != "growth_rate":
        description += f", read in {target_year} at the plan's {'level' if mode == 'plan' else 'pace'}"
    return ResolvedTarget(
        target_id=str(target_row["target_id"]), level=level, year=int(target_year), kind=kind,
        direction=str(target_row["direction"]), name_zh=str(target_row["name_zh"]),
        name_en=str(target_row["name_en"]), unit=str(target_row["unit"]), quote=str(target_row["quote"]),
        description=description, base_year=base_year)


@dataclass(frozen=True)
class ScenarioSettings:
    """Assumptions of the user-set scenarios; rates are fractions (0.12 for 12 %).

    Attributes
    ----------
    growth : float, sequence or mapping
        Rates of the ``growth`` scenario, in any form :func:`~sjzforecast.scenarios.growth_rates`
        accepts (a rate, rates per year, or ``{"2026-2030": 0.06}``).
    high_quantile, low_quantile : float
        Quantiles of the BAU paths for the ``high`` and ``low`` scenarios.
    rd_growth, gdp_growth : float, sequence or mapping
        Growth of the numerator (R&D expenditure) and denominator (GDP) of the ``drivers``
        scenario; ``gdp_growth=None`` takes the trailing growth of the region's GDP series
        (:func:`~sjzforecast.effort.current_pace` over :data:`GDP_GROWTH_SPAN` years).
    """

    growth: object = 0.0
    high_quantile: float = 0.9
    low_quantile: float = 0.1
    rd_growth: object = 0.12
    gdp_growth: object = None

    def __post_init__(self):
        if not 0 < self.low_quantile < self.high_quantile < 1:
            raise ValueError(f"need 0 < low_quantile < high_quantile < 1, got {self.low_quantile} and "
                             f"{self.high_quantile}")


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
    scenarios: pd.DataFrame | None = None
    peer_feasibility: PeerFeasibility | None = None
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
        """Tidy frame: region, indicator, unit, scenario, year, value and quantile columns.

        One block per scenario computed (see :data:`~sjzforecast.scenarios.SCENARIOS`);
        ``frame.to_csv(...)`` or :func:`~sjzforecast.scenarios.to_iamc` export it.
        """
        if self.scenarios is not None:
            return self.scenarios
        frames = [tidy_scenario(self.forecast, "bau", self.region, self.indicator, self.target.unit)]
        if self.target_path is not None:
            frames.append(tidy_scenario(self.target_path, "target_path", self.region, self.indicator,
                                        self.target.unit))
        return combine_scenarios(frames)

    def scenario_summary(self, years=None) -> pd.DataFrame:
        """Value of every scenario in the target year and the last outlook year, and whether it meets the target.

        Returns
        -------
        DataFrame
            Indexed by scenario; one column per year and ``meets_target`` (in the target year).
        """
        frame = self.scenario_frame()
        years = sorted({self.target.year, int(frame["year"].max())} if years is None else set(years))
        wide = frame.pivot_table(index="scenario", columns="year", values="value", sort=False)
        out = wide.reindex(columns=years)
        at_target = out[self.target.year]
        sign = 1 if self.target.direction == "increase" else -1
        tolerance = 1e-9 * max(1.0, abs(self.target.level))  # the target path lands on the target
        out["meets_target"] = (sign * (at_target - self.target.level) >= -tolerance).where(at_target.notna())
        out.columns = [str(c) for c in out.columns]
        return out


def recent_cagr(series: pd.Series) -> float | None:
    """Compound annual growth between the last two observations (None if not positive)."""
    if len(series) < 2 or series.iloc[-1] <= 0 or series.iloc[-2] <= 0:
        return None
    return compound_annual_growth(float(series.iloc[-2]), float(series.iloc[-1]),
                                  int(series.index[-1] - series.index[-2]))


def driver_growths(observations: pd.DataFrame, region: str, indicator: str,
                   settings: ScenarioSettings) -> tuple[object, object]:
    """Numerator and denominator growth of the ``drivers`` scenario for a ratio indicator.

    The denominator growth defaults to the growth of the region's denominator series over the
    last :data:`GDP_GROWTH_SPAN` years (:func:`~sjzforecast.effort.current_pace`) (nominal GDP: R&D expenditure is nominal too).

    Raises
    ------
    ValueError
        ``indicator`` is not a ratio indicator, or no GDP growth is given and the data have none.
    """
    if indicator not in RATIO_INDICATORS:
        raise ValueError(f"the drivers scenario applies to ratio indicators {list(RATIO_INDICATORS)}, "
                         f"not {indicator!r}")
    denominator = RATIO_INDICATORS[indicator][1]
    gdp_growth = settings.gdp_growth
    if gdp_growth is None:
        gdp_growth = current_pace(select_series(observations, region, denominator).series, GDP_GROWTH_SPAN)[1]
        logger.info("%s: drivers scenario uses %s growth %.2f %% a year from the data", region, denominator,
                    100 * gdp_growth)
    return settings.rd_growth, gdp_growth


def build_scenarios(analysis: IndicatorAnalysis, settings: ScenarioSettings, end_year: int,
                    driver_rates: tuple[object, object] | None = None) -> pd.DataFrame:
    """Every applicable scenario of an analysis as one tidy frame.

    ``bau`` and ``high``/``low`` come from the simulated paths, ``target_path`` and ``growth``
    start at the latest observation, ``drivers`` (when ``driver_rates`` are given) at the
    latest published value of the ratio.  ``growth`` is included when it leads or when growth
    rates are given (a flat 0 % path says nothing otherwise).
    """
    def tidy(values, name):
        return tidy_scenario(values, name, analysis.region, analysis.indicator, analysis.target.unit)

    last_year, last_value = analysis.last_year, analysis.last_value
    frames = [tidy(analysis.forecast, "bau")]
    if analysis.target_path is not None:
        frames.append(tidy(target_path(last_year, last_value, analysis.target.level, analysis.target.year,
                                       max(end_year, analysis.target.year)), "target_path"))
    if analysis.scenario == "growth" or _rates_given(settings.growth):
        frames.append(tidy(growth_path(last_year, last_value, settings.growth, end_year), "growth"))
    frames.append(tidy(quantile_path(analysis.paths, settings.high_quantile), "high"))
    frames.append(tidy(quantile_path(analysis.paths, settings.low_quantile), "low"))
    if driver_rates is not None:
        frames.append(tidy(driver_path(last_year, last_value, *driver_rates, end_year), "drivers"))
    return combine_scenarios(frames)


def _rates_given(rates) -> bool:
    return bool(rates) if isinstance(rates, (dict, list, tuple)) else rates is not None and rates != 0


def _percent(rates):
    """Percent rates (as in params files) to fractions, in any form growth_rates accepts."""
    if rates is None:
        return None
    if isinstance(rates, dict):
        return {k: v / 100.0 for k, v in rates.items()}
    if isinstance(rates, (list, tuple)):
        return [r / 100.0 for r in rates]
    return rates / 100.0


def analyse_indicator(region: str = "石家庄", indicator: str = "rd_intensity", target: str | None = None,
                      target_year: int = 2025, target_value: float | None = None, scenario: str = "bau",
                      model: str = "auto", seed: int = 0, n_paths: int = 10_000, end_year: int = 2030,
                      observations: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
                      levels=BRIEFING_LEVELS, growth=0.0, high_quantile: float = 0.9,
                      low_quantile: float = 0.1, rd_growth=12.0, gdp_growth=None,
                      target_mode: str = "plan", peers: bool = True) -> IndicatorAnalysis:
    """Forecast one indicator, compare it with its target and build every applicable scenario.

    Parameters
    ----------
    region, indicator : str
        Keys into the observations.
    target : str, optional
        A ``target_id`` of ``data/targets.yaml``; default: the target whose indicator is ``indicator``.
    target_year : int
        Year in which the target is judged (2025, 2030, 2035, ...).
    target_value : float, optional
        A level to use instead of the plan's target.
    scenario : str
        The scenario the briefing leads with, one of :data:`~sjzforecast.scenarios.SCENARIOS`.
    model : str
        Model name or ``"auto"``.
    seed, n_paths : int
        Simulation seed and number of paths.
    end_year : int
        Last year of the outlook shown.
    growth : float, list or dict
        Percent a year for the ``growth`` scenario: one rate, rates per year, or
        ``{"2026-2030": 6.0}`` (see :func:`~sjzforecast.scenarios.growth_rates`).
    high_quantile, low_quantile : float
        Quantiles of the BAU paths for the ``high`` and ``low`` scenarios.
    rd_growth, gdp_growth : float, list or dict
        Percent a year of R&D expenditure and GDP in the ``drivers`` scenario (ratio
        indicators only); ``gdp_growth=None``: the trailing growth of the region's GDP.
    target_mode : {"plan", "pace"}
        How a plan target is read in a year other than its own (:func:`target_level_in_year`).
    peers : bool
        Calibrate growth and uncertainty on the provincial panel of the same indicator where
        there is one (:func:`~sjzforecast.peers.peer_prior_for`); the model's ``tidy()`` then
        reports the peer weight.

    Raises
    ------
    ValueError
        Unknown region, indicator, target or scenario; a target year before the last
        observation; a growth rate at or below -100 %; a lead scenario that does not apply.
    """
    check_scenario(scenario)
    observations = data_module.load_observations() if observations is None else observations
    targets = data_module.load_targets() if targets is None else targets
    settings = ScenarioSettings(growth=_percent(growth), high_quantile=high_quantile, low_quantile=low_quantile,
                                rd_growth=_percent(rd_growth), gdp_growth=_percent(gdp_growth))
    selection = select_series(observations, region, indicator)
    series = selection.series
    last_year = int(series.index[-1])
    if target_year < last_year:
        raise ValueError(f"target_year {target_year} is before the last observation of {indicator!r} "
                         f"for {region!r} ({last_year}); choose {last_year} or later")
    target_row = None
    plan = data_module.plan_targets(targets, region)
    if target is not None:
        if plan.empty:
            raise ValueError(f"target {target!r} belongs to the plan of {sorted(set(targets['region']))}, "
                             f"not {region!r}: give target_value")
        target_row = data_module.find_target(plan, target)
    elif (plan["indicator"] == indicator).any():
        target_row = data_module.find_target(plan, indicator)
    resolved = resolve_target(target_row, series, target_year, target_value, mode=target_mode)

    prior = peer_prior_for(observations, indicator, region, until=last_year) if peers else None
    fitted = fit_model(series, model, **({"peers": prior} if prior is not None else {}))
    end_year = max(end_year, target_year, last_year + 1)
    h = end_year - last_year
    paths = pd.DataFrame(fitted.simulate(h, n_paths=n_paths, seed=seed),
                         columns=pd.Index(fitted.forecast_years(h), name="year"))
    forecast = summarize_paths(paths.to_numpy(), paths.columns, levels)

    if target_year == last_year:
        observed = series.iloc[-1]
        met = observed >= resolved.level if resolved.direction == "increase" else observed <= resolved.level
        probability, growth_needed, path = float(met), None, None
    else:
        probability = probability_of_meeting(paths, resolved.level, target_year, resolved.direction)
        growth_needed = required_growth(last_year, float(series.iloc[-1]), resolved.level, target_year)
        path = target_path(last_year, float(series.iloc[-1]), resolved.level, target_year)
    logger.info("%s %s: P(meet %g in %d) = %.3f with %s", region, indicator, resolved.level, target_year,
                probability, fitted.name)
    result = IndicatorAnalysis(
        region=region, indicator=indicator, scenario=scenario, selection=selection, target=resolved,
        model=fitted, paths=paths, forecast=forecast, target_path=path, probability=probability,
        first_passage=first_passage(paths, resolved.level, resolved.direction),
        required_growth=growth_needed, recent_growth=recent_cagr(series),
        peer_feasibility=(None if growth_needed is None else
                          peer_feasibility_for(observations, indicator, growth_needed, target_year - last_year)),
        params=dict(region=region, indicator=indicator, target=target, target_year=target_year,
                    target_value=target_value, scenario=scenario, model=model, seed=seed,
                    n_paths=n_paths, end_year=end_year, growth=growth, high_quantile=high_quantile,
                    low_quantile=low_quantile, rd_growth=rd_growth, gdp_growth=gdp_growth,
                    target_mode=target_mode, peers=prior is not None))
    drivers = None
    if indicator in RATIO_INDICATORS:
        try:
            drivers = driver_growths(observations, region, indicator, settings)
        except ValueError as exc:  # e.g. no GDP series for the region: no drivers scenario
            if scenario == "drivers":
                raise
            logger.info("%s %s: no drivers scenario: %s", region, indicator, exc)
    result.scenarios = build_scenarios(result, settings, end_year, drivers)
    missing = {scenario} - set(result.scenarios["scenario"])
    if missing:
        raise ValueError(f"scenario {scenario!r} does not apply to {indicator!r} for {region!r} in {target_year}"
                         + (f" (drivers: ratio indicators {list(RATIO_INDICATORS)})" if scenario == "drivers" else
                            " (the target year is observed)"))
    return result
