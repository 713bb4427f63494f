"""One answer to one :class:`~sjzforecast.question.Question`: every number a page shows.

:func:`answer` resolves the target level once, chooses the base year once
(:func:`growth_basis`), simulates once to ``max(end_year, target_year)``, and derives
from those same paths:

* ``p_meet``: P(at or beyond the target in the target year); where the target year is observed, 1 or 0
  as the observation meets it or not, None where it is a lower bound that cannot tell (:attr:`Answer.latest_meets`);
* ``p_reached_by``: P(target reached at least once by each year), 1 where an observation already has;
* the required growth from the latest observation and, separately, from the base year;
* every progress method of :data:`sjzforecast.progress.METHODS` (the probability method on the
  same paths, so its P is ``p_meet``);
* every scenario, and the lead scenario's value in the target year, whether it meets the
  target and the gap (:class:`Lead`).

The briefing, every dashboard row and the explorer show an :class:`Answer` and compute
nothing of their own.  Rates are in percent a year.
"""
from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .effort import (PeerFeasibility, compound_annual_growth, current_pace, peer_feasibility_for,
                     required_growth)
from .forecast import fit_model
from .formats import decimals_of, observation_decimals
from .models import summarize_paths
from .peers import peer_prior_for
from .status import known_as_of
from .progress import METHODS, assess_all
from .progress.assessment import bound_reaches, direction_sign, reaches
from .progress.targets import ResolvedTarget, resolve_target
from .question import Question, plan_row, question_data
from .scenarios import (RATIO_INDICATORS, combine_scenarios, driver_path, growth_path, quantile_path,
                        target_path, tidy_scenario)
from .series import SeriesSelection, variant_lower_bounds, select_series, series_variants

logger = logging.getLogger(__name__)

#: Years over which the ``drivers`` scenario measures GDP growth when none is given.
GDP_GROWTH_SPAN = 3


@dataclass(frozen=True)
class GrowthBasis:
    """The year growth "from the base year" is measured from, and how it relates to the plan's base year.

    ``code`` is one of

    * ``plan_base``: the plan's base year, observed;
    * ``after_plan_base``: the plan's base year is not observed: the first observation after it;
    * ``before_plan_base``: fewer than two observations from the plan's base year on
      (``observations_since_plan`` of them): the first observation, before the plan;
    * ``first_observation``: a user target (no plan base year): the first observation.

    Every page words it with :func:`sjzforecast.i18n.growth_since`.
    """

    year: int
    code: str
    plan_base_year: int | None = None
    observations_since_plan: int | None = None

    @property
    def pre_plan(self) -> bool:
        """Growth and the progress methods rest on observations from before the plan's base year."""
        return self.code == "before_plan_base"

    @property
    def caveat(self) -> dict | None:
        """The data-quality note of a :attr:`pre_plan` basis (code ``pre_plan_base``, worded by
        :func:`~sjzforecast.i18n.quality_note`), else None."""
        if not self.pre_plan:
            return None
        return {"code": "pre_plan_base", "year": self.year, "plan_base_year": self.plan_base_year}

    def to_json(self) -> dict:
        return {"year": self.year, "code": self.code, "plan_base_year": self.plan_base_year,
                "observations_since_plan": self.observations_since_plan}


def growth_basis(series: pd.Series, plan_base_year: int | None) -> GrowthBasis:
    """The year growth is measured from: one rule for every page.

    The plan's base year where it is observed; else the first observation after it (the Open
    SDG rule for a missing base year); a user target, or a plan whose base year is after every
    observation but the latest, measures from the first observation.
    """
    years = [int(y) for y in series.index]
    if plan_base_year is None:
        return GrowthBasis(years[0], "first_observation")
    later = [y for y in years if y >= plan_base_year]
    year = later[0] if later and later[0] < years[-1] else years[0]
    code = ("before_plan_base" if year < plan_base_year else "plan_base" if year == plan_base_year
            else "after_plan_base")
    return GrowthBasis(year, code, plan_base_year, len(later))


def choose_base_year(series: pd.Series, plan_base_year: int | None) -> int:
    """The year of :func:`growth_basis`."""
    return growth_basis(series, plan_base_year).year


def percent_growth(start_year: int, start_value: float, end_value: float, end_year: int) -> float | None:
    """CAGR in percent a year between two values, or None where none exists (zero, sign change)."""
    if end_year <= start_year:
        return None
    try:
        return 100 * compound_annual_growth(start_value, end_value, end_year - start_year)
    except ValueError:
        return None


def growth_bound(start_lower_bound: bool, end_lower_bound: bool = False) -> str | None:
    """What a growth rate between two values is where either was published as a lower bound ("超过1.5万家").

    The rate :math:`g = (e / s)^{1/n} - 1` rises with the end value :math:`e` and falls with the start
    value :math:`s`.  A start that is only a lower bound (the true value is larger) makes :math:`g` an upper
    bound (``"upper"``: the growth still required from it is at most :math:`g`); an end that is only a lower
    bound makes :math:`g` a lower bound (``"lower"``); both leave it ``"unknown"``.  None: exact.

    >>> growth_bound(True), growth_bound(False, True), growth_bound(True, True), growth_bound(False)
    ('upper', 'lower', 'unknown', None)
    """
    if start_lower_bound and end_lower_bound:
        return "unknown"
    return "upper" if start_lower_bound else "lower" if end_lower_bound else None


def nowcast_years(latest_year: int, last_year: int, today: datetime.date) -> list[int]:
    """The years after the latest observation, up to ``last_year``, that ended before ``today``: their figures
    exist but are not published yet, so a forecast of them is a nowcast.

    >>> nowcast_years(2023, 2030, datetime.date(2026, 11, 28))
    [2024, 2025]
    >>> nowcast_years(2020, 2030, datetime.date(2021, 6, 30))
    []
    """
    return list(range(latest_year + 1, min(last_year, today.year - 1) + 1))


def reference_date(as_of: str | None) -> datetime.date:
    """The day a run looks from: its ``as_of`` (an ISO date) where given, else today."""
    return datetime.date.fromisoformat(as_of) if as_of else datetime.date.today()


def p_reached_by(paths: pd.DataFrame, level: float, direction: str, reached_before: bool = False) -> pd.Series:
    """P(level reached at least once by each year): the cumulative first-passage distribution of the
    paths, or 1 in every year where an observation has already reached it (``reached_before``,
    :func:`year_reached`)."""
    hit = reaches(paths.to_numpy(), level, direction_sign(direction))
    p = 1.0 if reached_before else np.maximum.accumulate(hit, axis=1).mean(axis=0)
    return pd.Series(p, index=paths.columns, name="p_reached", dtype=float)


def year_reached(selection: SeriesSelection, level: float, direction: str) -> int | None:
    """The first year whose value used has certainly reached ``level`` in ``direction`` (:func:`bound_reaches`),
    or None."""
    rows = selection.rows[selection.rows["used"]].sort_values("year")
    return next((int(year) for year, value, bound in zip(rows["year"], rows["value"], rows["lower_bound"])
                 if bound_reaches(value, level, direction, bool(bound)) is True), None)


@dataclass(frozen=True)
class Lead:
    """The scenario a page leads with, in the target year.

    ``gap`` is value minus target level (in the indicator's unit); ``quantile`` is set for the
    scenarios defined by a quantile of the business-as-usual paths (``high``, ``low``); ``rates``
    for the scenarios defined by growth rates (in percent a year): ``growth`` gives
    ``{"growth": rate}`` or ``{"growth_by_year": {year: rate}}``, ``drivers`` gives
    ``{"rd_growth": ..., "gdp_growth": ..., "gdp_from_data": bool}``.
    """

    scenario: str
    value: float | None
    meets: bool | None
    gap: float | None
    quantile: float | None = None
    rates: dict | None = None


@dataclass(frozen=True, eq=False)
class Answer:
    """Everything :func:`answer` found; every page reads its numbers here."""

    question: Question
    selection: SeriesSelection
    target: ResolvedTarget
    growth_basis: GrowthBasis
    model: object
    paths: pd.DataFrame
    forecast: pd.DataFrame
    target_path: pd.Series | None
    #: None where the target year's observation is a lower bound that cannot tell (:attr:`latest_meets`).
    p_meet: float | None
    p_reached_by: pd.Series
    required_growth_from_latest: float | None
    required_growth_from_base: float | None
    achieved_growth_from_base: float | None
    recent_growth: float | None
    recent_growth_since: int | None
    assessments: pd.DataFrame
    scenarios: pd.DataFrame
    peer_feasibility: PeerFeasibility | None
    peer_calibrated: bool
    #: R&D and GDP growth (fractions a year) of the ``drivers`` scenario, None where it has none.
    driver_growth: tuple[float, float] | None = None

    @property
    def region(self) -> str:
        return self.question.region

    @property
    def indicator(self) -> str:
        return self.question.indicator

    @property
    def scenario(self) -> str:
        return self.question.scenario

    @property
    def series(self) -> pd.Series:
        return self.selection.series

    @property
    def base_year(self) -> int:
        """The year growth from the base year is measured from (:func:`growth_basis`)."""
        return self.growth_basis.year

    @property
    def unit(self) -> str:
        """Unit of the indicator's level (亿元, 家, %): the unit of every level shown."""
        return self.target.unit

    @property
    def latest_year(self) -> int:
        return int(self.series.index[-1])

    @property
    def latest_value(self) -> float:
        return float(self.series.iloc[-1])

    @property
    def decimals(self) -> int:
        """Precision of the published data: the most decimals among the values used, each as it was written
        (:func:`~sjzforecast.formats.observation_decimals`, so 1.9, 2.0 and 2.10 give 2): the decimals every
        forecast and target of this answer is shown with.  A value not used (a conflicting rewrite's
        310.78 beside the bulletin's 245.8) lends it no precision."""
        rows = self.selection.rows
        return max((observation_decimals(row) for _, row in rows[rows["used"]].iterrows()),
                   default=decimals_of(self.series))

    @property
    def target_observed(self) -> bool:
        """The target year is the latest observed year: the observation decides."""
        return self.target.year == self.latest_year

    @property
    def categories(self) -> dict[str, str]:
        """Method -> category, for every method of :data:`~sjzforecast.progress.METHODS`."""
        return dict(zip(self.assessments["method"], self.assessments["category"]))

    def meets(self, value) -> bool:
        """Whether ``value`` is at or beyond the target level in the desired direction."""
        return bool(reaches(value, self.target.level, direction_sign(self.target.direction)))

    @property
    def latest_is_lower_bound(self) -> bool:
        """The latest observation was published as a lower bound ("超过1.5万家", over 15,000)."""
        return self.selection.latest_is_lower_bound

    @property
    def growth_bounds(self) -> dict[str, str | None]:
        """Which growth rates are bounds rather than exact, by field name (:func:`growth_bound`): the growth
        required from the latest value or the base value, the growth achieved from the base to the
        latest value, and the lead scenario's growth from the latest value (:attr:`lead_growth`), where the
        value they start or end at was published as a lower bound."""
        base = self.base_year in self.selection.lower_bound_years
        return {"required_growth_from_latest": growth_bound(self.latest_is_lower_bound),
                "required_growth_from_base": growth_bound(base),
                "achieved_growth_from_base": growth_bound(base, self.latest_is_lower_bound),
                "lead_growth": growth_bound(self.latest_is_lower_bound)}

    @property
    def latest_meets(self) -> bool | None:
        """Whether the latest observation already meets the target; None where it is a lower bound
        (:attr:`latest_is_lower_bound`) that cannot tell (:func:`bound_reaches`)."""
        return bound_reaches(self.latest_value, self.target.level, self.target.direction, self.latest_is_lower_bound)

    def scenario_frame(self) -> pd.DataFrame:
        """Tidy frame of every scenario: region, indicator, unit, scenario, year, value and quantile columns."""
        return self.scenarios

    def scenario_summary(self, years=None) -> pd.DataFrame:
        """Value of every scenario in the target year and the last outlook year, and whether it meets the target.

        Returns
        -------
        DataFrame
            Indexed by scenario; one column per year (as text) and ``meets_target`` (in the target year).
        """
        frame = self.scenarios
        years = sorted({self.target.year, int(frame["year"].max())} if years is None else set(years))
        out = frame.pivot_table(index="scenario", columns="year", values="value", sort=False).reindex(columns=years)
        at_target = out[self.target.year]
        out["meets_target"] = [None if pd.isna(v) else self.meets(v) for v in at_target]
        out.columns = [str(c) for c in out.columns]
        return out

    @property
    def lead(self) -> Lead:
        """The asked scenario in the target year (the observation when the target year is observed: then
        ``meets`` is :attr:`latest_meets`, None for a lower bound that cannot tell)."""
        q = self.question
        if self.target_observed:
            value, meets = self.latest_value, self.latest_meets
        else:
            rows = self.scenarios[(self.scenarios["scenario"] == q.scenario)
                                  & (self.scenarios["year"] == self.target.year)]
            value = float(rows["value"].iloc[0])
            meets = self.meets(value)
        return Lead(q.scenario, value, meets, value - self.target.level, self.scenario_quantile(),
                    self.scenario_rates())

    def nowcast_years(self, today: datetime.date | None = None) -> list[int]:
        """The forecast years that have ended without a published figure (:func:`nowcast_years`) as of
        ``today``: by default the question's :func:`reference_date`."""
        return nowcast_years(self.latest_year, int(self.paths.columns.max()),
                             today or reference_date(self.question.as_of))

    @property
    def lead_growth(self) -> float | None:
        """Average growth, in percent a year, from the latest observation to the lead scenario's value in
        the target year (:attr:`lead`; for business as usual the median path):
        :math:`100\\,((v_T / y_L)^{1/(T - L)} - 1)`.  Set beside the growth required from the latest
        observation, it says why P(meet) is what it is.  None where the target year is observed or no rate
        exists (:func:`percent_growth`)."""
        if self.target_observed:
            return None
        return percent_growth(self.latest_year, self.latest_value, self.lead.value, self.target.year)

    def scenario_quantile(self, scenario: str | None = None) -> float | None:
        """The quantile of the business-as-usual paths that defines ``scenario`` (default: the asked
        one): ``high_quantile`` for ``high``, ``low_quantile`` for ``low``, else None."""
        q = self.question
        return {"high": q.high_quantile, "low": q.low_quantile}.get(scenario or q.scenario)

    def scenario_rates(self, scenario: str | None = None) -> dict | None:
        """The growth rates (percent a year) that define ``scenario`` (default: the asked one), if it
        is defined by rates: ``growth`` and ``drivers`` (see :class:`Lead`), and ``target_path``:
        ``{"target_path": rate, "since": latest_year}``, the growth of
        :func:`~sjzforecast.scenarios.target_path` (0 where the latest value already meets the target)."""
        q = self.question
        scenario = scenario or q.scenario
        if scenario == "growth":
            return {"growth_by_year": dict(q.growth_by_year)} if q.growth_by_year else {"growth": q.growth_rate}
        if scenario == "drivers" and self.driver_growth is not None:
            rd, gdp = self.driver_growth
            return {"rd_growth": 100 * rd, "gdp_growth": 100 * gdp, "gdp_from_data": q.gdp_growth is None}
        if scenario == "target_path" and self.required_growth_from_latest is not None:
            held = self.meets(self.latest_value)  # the path holds a latest value that meets the target
            return {"target_path": 0.0 if held else self.required_growth_from_latest, "since": self.latest_year}
        return None

    def to_json(self) -> dict:
        """The machine-readable answer (the ``sjz-answer`` block of a briefing page)."""
        lead = self.lead
        return {
            "indicator": self.indicator, "region": self.region, "scenario": self.scenario,
            "target_id": self.target.target_id, "target_year": self.target.year, "target_level": self.target.level,
            "unit": self.unit, "decimals": self.decimals, "latest_year": self.latest_year,
            "latest_value": self.latest_value, "latest_lower_bound": self.latest_is_lower_bound,
            "base_year": self.base_year, "growth_basis": self.growth_basis.to_json(), "p_meet": self.p_meet,
            "p_reached_by": {str(y): float(p) for y, p in self.p_reached_by.items()},
            "scenario_value": lead.value, "scenario_meets": lead.meets, "scenario_gap": lead.gap,
            "scenario_quantile": lead.quantile, "scenario_rates": lead.rates,
            "required_growth_from_latest": self.required_growth_from_latest, "lead_growth": self.lead_growth,
            "required_growth_from_base": self.required_growth_from_base,
            "required_growth_from_latest_bound": self.growth_bounds["required_growth_from_latest"],
            "required_growth_from_base_bound": self.growth_bounds["required_growth_from_base"],
            "rate_unit": "%/yr", "categories": self.categories,
        }


def driver_rates(q: Question, observations: pd.DataFrame) -> tuple[float, float]:
    """Numerator and denominator growth (fractions) of the ``drivers`` scenario.

    GDP growth defaults to the growth of the region's GDP over the last
    :data:`GDP_GROWTH_SPAN` years (:func:`~sjzforecast.effort.current_pace`; nominal, as R&D is).

    Raises
    ------
    ValueError
        No GDP growth given and no GDP series for the region.
    """
    if q.gdp_growth is not None:
        return q.rd_growth / 100, q.gdp_growth / 100
    denominator = RATIO_INDICATORS[q.indicator][1]
    gdp = current_pace(select_series(observations, q.region, denominator).series, GDP_GROWTH_SPAN)[1]
    logger.info("%s: drivers scenario uses %s growth %.2f %% a year from the data", q.region, denominator, 100 * gdp)
    return q.rd_growth / 100, gdp


def growth_assumption(q: Question):
    """The ``growth`` scenario's rates as fractions, or None when none are given."""
    if q.growth_by_year:
        return {k: v / 100 for k, v in q.growth_by_year.items()}
    return None if q.growth_rate is None else q.growth_rate / 100


def scenario_driver_growth(q: Question, observations: pd.DataFrame) -> tuple[float, float] | None:
    """:func:`driver_rates` for a ratio indicator; None for another indicator, or where the rates
    cannot be had (e.g. no GDP series) unless ``drivers`` is the asked scenario (then it raises)."""
    if q.indicator not in RATIO_INDICATORS:
        return None
    try:
        return driver_rates(q, observations)
    except ValueError as exc:  # e.g. no GDP series for the region
        if q.scenario == "drivers":
            raise
        logger.info("%s %s: no drivers scenario: %s", q.region, q.indicator, exc)
        return None


def build_scenarios(q: Question, drivers: tuple[float, float] | None, series: pd.Series, paths: pd.DataFrame,
                    forecast: pd.DataFrame, target: ResolvedTarget, end_year: int) -> pd.DataFrame:
    """Every applicable scenario as one tidy frame.

    ``bau``, ``high`` and ``low`` come from the simulated paths; ``target_path`` and ``growth``
    start at the latest observation, ``drivers`` (ratio indicators, given their numerator and
    denominator growth, :func:`scenario_driver_growth`) at the latest published ratio.
    ``growth`` appears when rates are given; ``target_path`` when the target year is ahead.
    """
    def tidy(values, name):
        return tidy_scenario(values, name, q.region, q.indicator, target.unit)

    last_year, last_value = int(series.index[-1]), float(series.iloc[-1])
    frames = [tidy(forecast, "bau")]
    if target.year > last_year:
        frames.append(tidy(target_path(last_year, last_value, target.level, target.year, end_year, target.direction),
                           "target_path"))
    rates = growth_assumption(q)
    if rates is not None:
        frames.append(tidy(growth_path(last_year, last_value, rates, end_year), "growth"))
    frames.append(tidy(quantile_path(paths, q.high_quantile), "high"))
    frames.append(tidy(quantile_path(paths, q.low_quantile), "low"))
    if drivers is not None:
        frames.append(tidy(driver_path(last_year, last_value, *drivers, end_year), "drivers"))
    return combine_scenarios(frames)


def answer(question: Question, observations: pd.DataFrame | None = None,
           targets: pd.DataFrame | None = None) -> Answer:
    """Answer ``question``: one simulation, every number derived from it.

    Parameters
    ----------
    question : Question
    observations, targets : DataFrame, optional
        Frames to use instead of the files the question names (checked the same way).

    Raises
    ------
    SjzforecastError
        The question does not fit these data (see :mod:`sjzforecast.question`).
    ValueError
        A target that cannot be read for this series (a growth-rate target without an
        observation in its base year) or a model that cannot fit it.
    """
    q = question
    files = question_data(q)
    observations = files[0] if observations is None else observations
    targets = files[1] if targets is None else targets
    selection = q.checked_selection(observations, targets)  # selected once: when the question was checked
    observations = known_as_of(observations, q.as_of)  # peers and drivers too see the data as known then
    series = selection.series
    last_year, last_value = int(series.index[-1]), float(series.iloc[-1])
    row = plan_row(targets, q.region, q.indicator, q.target)
    target = resolve_target(row, series, q.target_year, q.target_value, mode=q.target_mode, unit=selection.unit)
    basis = growth_basis(series, target.base_year)
    base_year = basis.year

    prior = peer_prior_for(observations, q.indicator, q.region, until=last_year) if q.peers else None
    fitted = fit_model(series, q.model, **({"peers": prior} if prior is not None else {}))
    end_year = max(q.end_year, q.target_year, last_year + 1)
    h = end_year - last_year
    paths = pd.DataFrame(fitted.simulate(h, n_paths=q.n_paths, seed=q.seed),
                         columns=pd.Index(fitted.forecast_years(h), name="year"))
    forecast = summarize_paths(paths.to_numpy(), paths.columns, q.levels)
    sign = direction_sign(target.direction)

    if target.year == last_year:  # the observation decides, where it can (not a lower bound short of the target)
        met = bound_reaches(last_value, target.level, target.direction, selection.latest_is_lower_bound)
        p_meet, from_latest, path = None if met is None else float(met), None, None
    else:
        p_meet = float(np.mean(reaches(paths[target.year].to_numpy(), target.level, sign)))
        from_latest = 100 * required_growth(last_year, last_value, target.level, target.year, name=q.indicator)
        path = target_path(last_year, last_value, target.level, target.year, direction=target.direction)
    assessments = assess_all(series, target.level, target.year, base_year=base_year, direction=target.direction,
                             paths=paths, lower_bound_years=selection.lower_bound_years)
    recent = None
    if len(series) >= 2:
        try:
            recent = current_pace(series)
        except ValueError:
            pass
    base_value = float(series[base_year])
    drivers = scenario_driver_growth(q, observations)
    logger.info("%s %s: P(meet %g in %d) = %.3f with %s", q.region, q.indicator, target.level, target.year,
                p_meet, fitted.name)
    return Answer(
        question=q, selection=selection, target=target, growth_basis=basis, model=fitted, paths=paths,
        forecast=forecast, target_path=path, p_meet=p_meet,
        p_reached_by=p_reached_by(paths, target.level, target.direction,
                                  year_reached(selection, target.level, target.direction) is not None),
        required_growth_from_latest=from_latest,
        required_growth_from_base=percent_growth(base_year, base_value, target.level, target.year),
        achieved_growth_from_base=percent_growth(base_year, base_value, last_value, last_year),
        recent_growth=None if recent is None else 100 * recent[1],
        recent_growth_since=None if recent is None else recent[0],
        assessments=assessments,
        scenarios=build_scenarios(q, drivers, series, paths, forecast, target, end_year),
        peer_feasibility=(None if from_latest is None else
                          peer_feasibility_for(observations, q.indicator, from_latest / 100, target.year - last_year)),
        peer_calibrated=prior is not None, driver_growth=drivers)


def variant_assessments(result: Answer, observations: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Every method on every variant of the series whose sources conflict, one row per variant and method.

    The ``main`` rows are the answer's own assessments.  Each other variant resolves its own
    target level (a conflict in a growth-rate target's base year moves the level) and uses the
    same base-year rule; its probability method simulates the variant with the answer's model,
    seed and calibration, and reads the values published as lower bounds that it holds
    (:func:`~sjzforecast.series.variant_lower_bounds`).  A variant that cannot be assessed gives
    ``not_assessable`` rows.
    """
    q = result.question
    frames = [result.assessments.assign(variant="main", target_level=result.target.level)]
    row = plan_row(targets, q.region, q.indicator, q.target)
    options = {"model": q.model, "n_paths": q.n_paths, "seed": q.seed}
    if result.peer_calibrated:
        options["peers"] = peer_prior_for(observations, q.indicator, q.region, until=result.latest_year)
    for name, series in series_variants(result.selection).items():
        if name == "main":
            continue
        try:
            level = resolve_target(row, series, q.target_year, q.target_value, mode=q.target_mode).level
            bounds = variant_lower_bounds(result.selection, series)
            frame = assess_all(series, level, q.target_year, choose_base_year(series, result.target.base_year),
                               result.target.direction, lower_bound_years=bounds, **options)
        except ValueError as exc:
            level, frame = np.nan, not_assessable(str(exc))
        frames.append(frame.assign(variant=name, target_level=level))
    return pd.concat(frames, ignore_index=True)


def not_assessable(reason: str, methods=tuple(METHODS), code: str = "", values: dict | None = None) -> pd.DataFrame:
    """One ``not_assessable`` row per method, with the reason (and its ``reason_code`` and
    ``reason_values`` where it has one, see :mod:`sjzforecast.progress.reasons`)."""
    return pd.DataFrame({"method": list(methods), "category": "not_assessable", "reason": reason,
                         "probability": np.nan, "reason_code": code,
                         "reason_values": [dict(values or {}) for _ in methods]})


def analyse_indicator(observations: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
                      **fields) -> Answer:
    """``answer(Question(**fields))``: the answer for the fields of a :class:`~sjzforecast.question.Question`.

    ``observations`` and ``targets`` frames, when given, replace the files the question names.
    """
    return answer(Question(**fields), observations, targets)
