"""Growth-ratio progress methods: Open SDG (Statistics Canada) and Eurostat.

Both compare the compound annual growth rate (CAGR) observed since a base year,

.. math:: CAGR_a = (y_t / y_0)^{1/(t - t_0)} - 1,

with what the target requires.  ``d`` is +1 when an increase is desired, -1 otherwise.
"""
from __future__ import annotations

import logging

from .assessment import Assessment, Case, bound_reaches, case_and_growth, classify, growth_ratio

logger = logging.getLogger(__name__)

# --- Open SDG / Statistics Canada -----------------------------------------------------------
#: Minima of R = d * CAGR_a / |CAGR_r| for on track, acceleration needed, limited progress.
OPENSDG_RATIO_THRESHOLDS = (0.95, 0.60, 0.0)
#: Minima of d * CAGR_a without a target (before the scaling factor C).
OPENSDG_GROWTH_THRESHOLDS = (0.015, 0.005, 0.0)
#: Exponent of the scaling factor for natural limits.
OPENSDG_LIMIT_EXPONENT = 4.44
#: Replacement for a zero base or target value.
OPENSDG_ZERO_REPLACEMENT = 0.001
OPENSDG_LABELS = {
    "on_track": "substantial progress / on track", "acceleration_needed": "progress made but acceleration needed",
    "limited_progress": "limited progress", "deterioration": "deterioration",
}

# --- Eurostat --------------------------------------------------------------------------------
#: Minima of the ratio of actual to required growth (quantified target).
EUROSTAT_RATIO_THRESHOLDS = (0.95, 0.60, 0.0)
EUROSTAT_TARGET_LABELS = {
    "on_track": "significant progress towards the target", "acceleration_needed": "moderate progress towards the target",
    "limited_progress": "insufficient progress towards the target", "deterioration": "movement away from the target",
}
#: d * CAGR boundary between significant and moderate change without a target (1 % a year).
EUROSTAT_SIGNIFICANT_GROWTH = 0.01
#: Spans (years) of Eurostat's short-term and long-term assessments.
EUROSTAT_SHORT_TERM, EUROSTAT_LONG_TERM = 5, 15
#: Fewest years a shorter series may be assessed over (unverified reading, see assess_eurostat).
EUROSTAT_MINIMUM_YEARS = 3

def opensdg_scaling_factor(base_value: float, limit: float) -> float:
    """Open SDG scaling factor ``C`` for thresholds near a natural limit.

    .. math::
        C = 1 - (|y_0| / |y_{lim}|)^{4.44}                 \\quad |y_0| \\le |y_{lim}|

        C = 1 - ((2|y_{lim}| - |y_0|) / |y_{lim}|)^{4.44}  \\quad |y_{lim}| < |y_0| < 2|y_{lim}|

        C = 1                                              \\quad |y_0| \\ge 2|y_{lim}|

    References
    ----------
    Open SDG, *Progress measurement methodology* (docs/progress-methodology.md) and
    sdg-build ``sdg/ProgressMeasure.py`` (``get_progress_thresholds``).
    """
    base, lim = abs(base_value), abs(limit)
    if base >= 2 * lim:
        return 1.0
    if base <= lim:
        return float(1 - (base / lim) ** OPENSDG_LIMIT_EXPONENT)
    return float(1 - ((2 * lim - base) / lim) ** OPENSDG_LIMIT_EXPONENT)


def assess_opensdg(series, target_value, target_year, base_year=None, direction="increase", limit=None,
                   lower_bound_years=()) -> Assessment:
    """Open SDG / Statistics Canada progress status, as computed by sdg-build.

    With a target: ``CAGR_r = (y_T / y_0)^{1/(T - t_0)} - 1`` and
    ``R = s * d * CAGR_a / |CAGR_r|`` (``s = -1`` when the values are negative), graded
    ``R >= 95 %`` on track (substantial progress), ``60 % <= R < 95 %`` progress made but
    acceleration needed, ``0 <= R < 60 %`` limited progress, ``R < 0`` deterioration; a latest
    value meeting the target is *target achieved*.  Without a target (``target_value=None``):
    ``s * d * CAGR_a`` against 1.5 %, 0.5 % and 0, the positive thresholds multiplied by the
    scaling factor :func:`opensdg_scaling_factor` when a natural ``limit`` is given (ignored
    with a target).  A zero base or target is replaced by 0.001; fewer than two points or
    mixed signs are *unable to assess*.  A base year without data moves to the next observed
    year.  As in sdg-build, *target achieved* is decided on the latest observation alone,
    before the minimum data checks, and a target year already past is judged on the latest
    observation (the required growth still runs from the base to the target year).  Values
    of both signs anywhere from the base on make it unable to assess, as the methodology's
    minimum data requirements say; sdg-build checks only the base and latest values.  A latest
    value published as a lower bound (its year in ``lower_bound_years``) decides only target
    achieved (it reaches the target) or, without a target, on track; short of that it is unable
    to assess (:meth:`Case.bounded`).

    References
    ----------
    Statistics Canada / Open SDG, *Progress Measurement Methodology for the Sustainable
    Development Goals*, open-sdg ``docs/progress-methodology.md`` (thresholds, scaling factor,
    special considerations, minimum data requirements); reference implementation
    open-sdg/sdg-build ``sdg/ProgressMeasure.py`` (read: current year = latest year in the
    data; next available base year; zero base and target -> 0.001).
    """
    case = Case.build("opensdg", series, target_value, target_year, base_year, direction, past_target="latest",
                      lower_bound_years=lower_bound_years)
    notes, target = [], case.target_value
    if target == 0:
        target = OPENSDG_ZERO_REPLACEMENT
        notes.append(f"zero target replaced by {OPENSDG_ZERO_REPLACEMENT}")
    if (target is not None and case.last_value is not None
            and bound_reaches(case.last_value, target, direction, case.lower_bound)):
        return case.achieved(notes=notes)  # sdg-build decides this first, before the minimum data checks
    if not case.assessable:
        return case.not_assessable()
    base = case.base_value
    if base == 0:
        base = OPENSDG_ZERO_REPLACEMENT
        notes.append(f"zero base value replaced by {OPENSDG_ZERO_REPLACEMENT}")
    sign = -1 if base < 0 else 1
    actual, failed = case.growth_to(case.last_value, case.last_year, start_value=base)
    if failed:
        return failed
    if target is None:
        factor = 1.0 if limit is None else opensdg_scaling_factor(base, limit)
        thresholds = tuple(t * factor if t > 0 else t for t in OPENSDG_GROWTH_THRESHOLDS)
        progress = sign * case.sign * actual
        if limit is not None:
            notes.append(f"thresholds scaled by C = {factor:.4f} for the limit {limit:g}")
        category = "on_track" if factor == 0 and progress >= 0 else classify(progress, thresholds)
        return case.bounded(case.result(category, "growth_no_target", {"growth": progress},
                                        label=OPENSDG_LABELS[category], actual_growth=actual, ratio=progress,
                                        notes=notes), progress, thresholds[0])
    if limit is not None:
        notes.append(f"limit {limit:g} ignored: a target is given")
    required, failed = case.growth_to(target, case.target_year, start_value=base)
    if failed:
        return failed
    ratio = sign * growth_ratio(actual, required, case.sign)
    category = classify(ratio, OPENSDG_RATIO_THRESHOLDS)
    return case.bounded(case.result(category, "growth_ratio",
                                    {"actual_growth": actual, "required_growth": required, "ratio": ratio},
                                    label=OPENSDG_LABELS[category], actual_growth=actual, required_growth=required,
                                    ratio=ratio, notes=notes), top=target)


def _eurostat_no_target(growth: float) -> tuple[str, str]:
    if growth >= EUROSTAT_SIGNIFICANT_GROWTH:
        return "on_track", "significant progress towards SD objectives"
    if growth > 0:
        return "acceleration_needed", "moderate progress towards SD objectives"
    if growth > -EUROSTAT_SIGNIFICANT_GROWTH:
        return "deterioration", "moderate movement away from SD objectives"
    return "deterioration", "significant movement away from SD objectives"


def eurostat_base_year(years, span: int) -> int | None:
    """The latest observed year at least ``span`` years before the last one, or ``None``."""
    earlier = [int(y) for y in years if y <= years[-1] - span]
    return earlier[-1] if earlier else None


def _eurostat_period(case: Case, span: int | None) -> tuple[list[str], Assessment | None]:
    """The note naming the period actually assessed, or the not-assessable result of a too short one."""
    if span is None:
        return [], None
    kind = {EUROSTAT_SHORT_TERM: "short-term", EUROSTAT_LONG_TERM: "long-term"}.get(span, f"{span}-year")
    years = case.years_observed
    if years >= span:
        return [f"{kind} assessment over {years} years ({case.base_year}-{case.last_year})"], None
    if years < EUROSTAT_MINIMUM_YEARS:
        return [], case.not_assessable("short_period", years=years, base_year=case.base_year,
                                       last_year=case.last_year, minimum=EUROSTAT_MINIMUM_YEARS)
    return [f"{kind} assessment over only {years} years ({case.base_year}-{case.last_year}): the series is "
            f"shorter than Eurostat's {span}-year period"], None


def assess_eurostat(series, target_value, target_year, base_year=None, direction="increase", limit=None,
                    span=None, lower_bound_years=()) -> Assessment:
    """Eurostat EU SDG monitoring: actual against required growth.

    With a quantified target: ``CAGR_r`` from the base-year value to the target, ratio
    ``RoG = d * CAGR_a / |CAGR_r|`` graded ``>= 95 %`` significant progress towards the target
    (on track), ``60-95 %`` moderate progress (acceleration needed), ``0-60 %`` insufficient
    progress (limited progress), ``< 0`` movement away from the target (deterioration).
    Without a target (``target_value=None``): ``d * CAGR_a >= 1 %`` significant progress,
    ``0-1 %`` moderate progress, ``-1 %-0`` moderate and ``<= -1 %`` significant movement
    away (both deterioration).

    ``span`` gives Eurostat's short-term (5) or long-term (15) assessment: the base is the
    latest observation at least ``span`` years before the last.  A series shorter than
    ``span`` is assessed over the years it has, at least 3, and the note says how many;
    with fewer it is not assessable.  Without ``span`` the period runs from ``base_year``
    (default the first observation).  Eurostat has no "target achieved" category: a latest
    value meeting the target is graded by the same ratio (moving further beyond the target
    is significant progress, falling back towards it is movement away), with a note.
    A zero base value cannot give a growth rate: not assessable.  ``limit`` is not used.
    A latest value published as a lower bound (its year in ``lower_bound_years``) decides only
    the top grade (ratio at least 95 %, or without a target ``d * CAGR_a >= 1 %``); short of it
    the grade is not assessable (:meth:`Case.bounded`).

    References
    ----------
    Eurostat, *Sustainable development in the European Union - Monitoring report on progress
    towards the SDGs in an EU context*, annual editions, introduction and annex "Assessing
    progress".  No stored copy of that text could be read.  What supports each rule:
    the four category names and the 5- and 15-year periods: IISD's summary of the 2018
    edition ("significant progress, moderate progress, insufficient progress, or movement
    away from the EU-defined targets ... long-term (past 15 years) or short-term (previous
    five years)"); the ratio and its thresholds 95 % / 60 % / 0: only indirectly, through the
    Open SDG methodology, whose identical ratio and thresholds are "inspired by the progress
    methodology used by Eurostat" (citing Eurostat 2021).  Unverified: the 1 % a year
    boundary without a target, the 3-year minimum for a short series, and the treatment of a
    target already met.
    """
    if span is not None:
        span = int(span)
        y = Case.build("eurostat", series, target_value, target_year, None, direction).series
        spanned = eurostat_base_year(y.index, span) if len(y) else None
        base_year = spanned if spanned is not None else base_year
    case, actual, failed = case_and_growth("eurostat", series, target_value, target_year, base_year, direction,
                                           lower_bound_years=lower_bound_years)
    if failed:
        return failed
    notes, too_short = _eurostat_period(case, span)
    if too_short:
        return too_short
    if case.target_value is None:
        progress = case.sign * actual
        category, label = _eurostat_no_target(progress)
        return case.bounded(case.result(category, "growth_no_target", {"growth": progress}, label=label,
                                        actual_growth=actual, ratio=progress, notes=notes),
                            progress, EUROSTAT_SIGNIFICANT_GROWTH)
    required, failed = case.growth_to(case.target_value, case.target_year)
    if failed:
        return failed
    if case.target_met:
        notes.append("the latest value meets the target; Eurostat has no 'target achieved' category, "
                     "so the growth ratio grades it")
    ratio = growth_ratio(actual, required, case.sign)
    category = classify(ratio, EUROSTAT_RATIO_THRESHOLDS)
    return case.bounded(case.result(category, "growth_ratio",
                                    {"actual_growth": actual, "required_growth": required, "ratio": ratio},
                                    label=EUROSTAT_TARGET_LABELS[category], actual_growth=actual,
                                    required_growth=required, ratio=ratio, notes=notes),
                        ratio, EUROSTAT_RATIO_THRESHOLDS[0])
