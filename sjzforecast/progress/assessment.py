"""The result of a target assessment and the checks every method shares.

Categories follow the Open SDG / Statistics Canada progress statuses, which every method in
:mod:`sjzforecast.progress` maps onto (each keeps its own published wording in ``label``).
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field, replace

import numpy as np
import pandas as pd

from ..effort import clean_series, compound_annual_growth
from .reasons import render_reason

logger = logging.getLogger(__name__)

#: Every category an assessment can have, best first.
CATEGORIES = ("target_achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration",
              "not_assessable")
#: Desired direction -> sign ``d`` of the published formulas.
DIRECTION_SIGN = {"increase": 1, "decrease": -1}


@dataclass(frozen=True)
class Assessment:
    """One method's verdict on one series and target, with the numbers behind it.

    Attributes
    ----------
    method, category : str
        Method name and one of :data:`CATEGORIES`.
    reason : str
        Why the category was given; always set for ``not_assessable``.
    label : str
        The method's own published wording for the category.
    target_value, target_year, direction
        The target judged (a level in a year) and the desired direction.
    base_year, base_value, last_year, last_value
        The observations the growth was measured between.
    actual_growth, required_growth : float
        Observed CAGR from the base and CAGR required from the base to reach the target.
    ratio : float
        The method's progress ratio (actual/required growth, or UNSD's anticipated/needed change).
    extrapolated_value : float
        Value expected in the target year (UNSD trend, or the median simulated path).
    probability, verbal_probability, first_year_distribution
        Probability method: P(target met in the target year), its verbal key, and the share
        of paths that first reach the target in each year (``"not_reached"`` for the rest).
    score : float
        The method's published score where it has one (UNSD: 1-3).
    notes : tuple of str
        Replacements and fallbacks applied by the method's published rules.
    reason_code, reason_values
        The reason as a key of :data:`~sjzforecast.progress.reasons.REASONS` and the numbers
        and years it quotes; :func:`~sjzforecast.progress.reasons.format_reason` renders it
        in Chinese or English (``reason`` is the English rendering).
    details : dict
        Further published measures by name (ESCAP: ``current_status_index``).
    """

    method: str
    category: str
    reason: str = ""
    label: str = ""
    target_value: float | None = None
    target_year: int | None = None
    direction: str = "increase"
    base_year: int | None = None
    base_value: float | None = None
    last_year: int | None = None
    last_value: float | None = None
    actual_growth: float | None = None
    required_growth: float | None = None
    ratio: float | None = None
    extrapolated_value: float | None = None
    probability: float | None = None
    verbal_probability: str | None = None
    first_year_distribution: tuple[tuple[str, float], ...] = ()
    score: float | None = None
    notes: tuple[str, ...] = ()
    reason_code: str = ""
    reason_values: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.category not in CATEGORIES:
            raise ValueError(f"category {self.category!r} is not one of {CATEGORIES}")

    def to_dict(self) -> dict:
        """Plain dict; the first-year distribution becomes ``{year: share}``, notes one string."""
        out = asdict(self)
        out["first_year_distribution"] = dict(self.first_year_distribution)
        out["notes"] = "; ".join(self.notes)
        return out

    def with_note(self, note: str) -> "Assessment":
        """A copy with one more note."""
        return replace(self, notes=self.notes + (note,))


def direction_sign(direction: str) -> int:
    """+1 for ``increase``, -1 for ``decrease``; anything else is a ValueError."""
    try:
        return DIRECTION_SIGN[direction]
    except (KeyError, TypeError):
        raise ValueError(f"direction must be one of {list(DIRECTION_SIGN)}, got {direction!r}") from None


def reaches(value, target: float, sign: int):
    """True where ``value`` meets the target in the desired direction (``sign * (value - target) >= 0``)."""
    return sign * (np.asarray(value, dtype=float) - target) >= 0


def bound_reaches(value: float, level: float, direction: str, lower_bound: bool = False) -> bool | None:
    """Whether ``value`` is at or beyond ``level`` in ``direction``; None where a lower bound cannot tell.

    A lower bound ``b`` (the true value :math:`y \\ge b`, as in "超过1.5万家") tells only on one side:
    :math:`b \\ge L` meets an ``increase`` target, :math:`b < L` leaves it open; :math:`b > L` misses a
    ``decrease`` target, :math:`b \\le L` leaves it open.
    """
    meets = bool(reaches(value, level, direction_sign(direction)))
    if not lower_bound:
        return meets
    decided = meets if direction == "increase" else not meets
    return meets if decided else None


def classify(value: float, thresholds: tuple[float, float, float]) -> str:
    """Category of a progress value against ``(on_track, acceleration_needed, limited_progress)`` minima.

    ``value >= t0``: on_track; ``t1 <= value < t0``: acceleration_needed;
    ``t2 <= value < t1``: limited_progress; below ``t2``: deterioration.
    """
    on_track, acceleration, limited = thresholds
    if value >= on_track:
        return "on_track"
    if value >= acceleration:
        return "acceleration_needed"
    if value >= limited:
        return "limited_progress"
    return "deterioration"


def growth_ratio(actual: float, required: float, sign: int) -> float:
    """``sign * actual / |required|``: progress relative to the growth required, signed by direction.

    With ``required == 0`` the ratio is ``+inf`` or ``-inf`` by the sign of the progress.
    """
    progress = sign * actual
    if required == 0:
        return float(np.inf if progress >= 0 else -np.inf)
    return float(progress / abs(required))


def replacement_base_year(years: pd.Index, base_year: int, rule: str = "next") -> int | None:
    """The observed year that stands in for a base year without an observation.

    ``rule="next"`` (Open SDG / sdg-build): the first observed year after ``base_year``;
    ``rule="nearest"`` (UNSD progress chart, as adapted by EUSTAT): the observed year closest to
    it, before or after, ties going to the later year.  Either must leave a later observation
    to measure growth to; ``None`` when no year does.
    """
    candidates = [int(y) for y in years if y < years[-1]]
    if rule == "next":
        later = [y for y in candidates if y > base_year]
        return later[0] if later else None
    if rule == "nearest":
        return min(candidates, key=lambda y: (abs(y - base_year), -y)) if candidates else None
    raise ValueError(f"base-year rule must be 'next' or 'nearest', got {rule!r}")


@dataclass(frozen=True)
class Case:
    """A series and target checked once, ready for one method's formulas.

    Build with :meth:`Case.build`; ``reason_code`` is set when the published minimum data
    requirements are not met, and :meth:`not_assessable` then gives the result.  ``lower_bound``:
    the latest value was published as a lower bound ("超过1.5万家"), see :meth:`bounded`.
    """

    method: str
    series: pd.Series
    target_value: float | None
    target_year: int | None
    direction: str
    sign: int
    base_year: int | None = None
    base_value: float | None = None
    last_year: int | None = None
    last_value: float | None = None
    reason_code: str = ""
    reason_values: dict = field(default_factory=dict)
    notes: tuple[str, ...] = field(default=())
    lower_bound: bool = False

    @classmethod
    def build(cls, method, series, target_value, target_year, base_year=None, direction="increase",
              base_rule="next", past_target="truncate", lower_bound_years=()) -> "Case":
        """Check the inputs and pick the base and latest observations.

        Rules shared by all methods (Open SDG minimum data requirements): a base year without
        an observation is replaced by :func:`replacement_base_year` under ``base_rule``; fewer
        than two points from the base on, or values of both signs, make the case not
        assessable.  A target year before the latest observation keeps the data up to the
        target year (``past_target="truncate"``, UNSD) or every observation
        (``past_target="latest"``, as sdg-build does).  The latest value assessed is a lower bound
        when its year is in ``lower_bound_years``.

        Raises
        ------
        ValueError
            Unknown direction, a target value without a year, a non-integer year, or a target
            year before all data.
        """
        if past_target not in ("truncate", "latest"):
            raise ValueError(f"past_target must be 'truncate' or 'latest', got {past_target!r}")
        sign = direction_sign(direction)
        y = clean_series(series)
        if target_value is not None:
            target_value = float(target_value)
            if not np.isfinite(target_value):
                raise ValueError(f"target value must be a finite number, got {target_value}")
            if target_year is None:
                raise ValueError("a target value needs a target year")
        if target_year is not None:
            if isinstance(target_year, bool) or int(target_year) != target_year:
                raise ValueError(f"target year must be a whole year, got {target_year!r}")
            target_year = int(target_year)
            if len(y) and target_year < y.index[0]:
                raise ValueError(f"target year {target_year} is before all data (first observation {y.index[0]})")
        case = cls(method, y, target_value, target_year, direction, sign)
        notes = []
        if target_year is not None and len(y) and y.index[-1] > target_year:
            if past_target == "truncate":
                y = y[y.index <= target_year]
                notes.append(f"target year {target_year} is past: assessed on data up to {target_year}")
            else:
                notes.append(f"target year {target_year} is past: assessed on every observation, up to "
                             f"{int(y.index[-1])}")
        case = replace(case, series=y, notes=tuple(notes))
        if len(y):
            case = replace(case, last_year=int(y.index[-1]), last_value=float(y.iloc[-1]),
                           lower_bound=int(y.index[-1]) in lower_bound_years)
        if len(y) < 2:
            return case.failing("too_few_observations", count=len(y))
        first, last = int(y.index[0]), int(y.index[-1])
        base_year = first if base_year is None else int(base_year)
        if base_year not in y.index:
            found = replacement_base_year(y.index, base_year, base_rule)
            if found is None:
                return case.failing("no_base_pair", base_year=base_year, first_year=first, last_year=last)
            notes.append(f"no observation in base year {base_year}: the {base_rule} observed year {found} is the base")
            base_year = found
        if base_year >= last:
            return case.failing("base_is_latest", base_year=base_year)
        y = y[y.index >= base_year]
        case = replace(case, series=y, base_year=base_year, base_value=float(y.iloc[0]), last_year=last,
                       last_value=float(y.iloc[-1]), notes=tuple(notes))
        if (y > 0).any() and (y < 0).any():
            return case.failing("mixed_signs", base_year=base_year, last_year=last)
        return case

    def failing(self, code: str, **values) -> "Case":
        """A copy that is not assessable for the reason ``code`` quoting ``values``."""
        return replace(self, reason_code=code, reason_values=values)

    @property
    def assessable(self) -> bool:
        return not self.reason_code

    @property
    def reason(self) -> str:
        return render_reason(self.reason_code, self.reason_values) if self.reason_code else ""

    @property
    def target_met(self) -> bool:
        """The latest observation meets the target (Open SDG / UNSD: target achieved); a lower bound
        meets it only by reaching it (:func:`bound_reaches`)."""
        return self.target_value is not None and bool(
            bound_reaches(self.last_value, self.target_value, self.direction, self.lower_bound))

    def bounded(self, result: Assessment, measure: float | None = None, top: float | None = None) -> Assessment:
        """``result`` as far as a latest value published as a lower bound decides it.

        Every method's measure rises with the latest value :math:`y_t`: the value itself, the
        growth to it, the trend through it (its weight in the trend's value at the target year is
        positive).  A lower bound :math:`b \\le y_t` thus bounds the measure from below, and the
        grade stands where the measure at ``b`` already reaches the method's top grade (``measure``
        at or beyond ``top`` in the desired direction, :func:`bound_reaches`; by default the latest
        value against the target): every larger true value grades the same.  Otherwise a larger
        true value could grade higher, or, for a decrease target, lower, and the method cannot tell:
        ``not_assessable`` with the reason ``lower_bound_latest``.  A result of an exact latest
        value, or one already not assessable, is returned as it is.
        """
        if not self.lower_bound or result.category == "not_assessable":
            return result
        measure = self.last_value if measure is None else measure
        top = self.target_value if top is None else top
        if bound_reaches(measure, top, self.direction, lower_bound=True):
            return result
        return self.not_assessable("lower_bound_latest", **self.met_values())

    @property
    def years_observed(self) -> int:
        return self.last_year - self.base_year

    def growth_to(self, end_value: float, end_year: int, start_value: float | None = None):
        """CAGR from the base observation (or ``start_value`` in the base year) to ``end_value``.

        Returns ``(rate, None)``, or ``(None, the not-assessable result)`` when a zero start,
        opposite signs or an end year not after the base make a growth rate meaningless.
        """
        start = self.base_value if start_value is None else start_value
        if start == 0:
            return None, self.not_assessable("zero_base", base_year=self.base_year)
        if end_year <= self.base_year:
            return None, self.not_assessable("target_not_after_base", target_year=end_year, base_year=self.base_year)
        if start * end_value < 0:
            return None, self.not_assessable("target_sign", target_value=end_value, base_value=start)
        return compound_annual_growth(start, end_value, end_year - self.base_year), None

    def result(self, category: str, code: str, values: dict, label: str = "", notes=(), **numbers) -> Assessment:
        """An :class:`Assessment` with this case's fields and the reason ``code`` quoting ``values``."""
        return Assessment(
            method=self.method, category=category, reason=render_reason(code, values), label=label,
            target_value=self.target_value, target_year=self.target_year, direction=self.direction,
            base_year=self.base_year, base_value=self.base_value, last_year=self.last_year,
            last_value=self.last_value, notes=self.notes + tuple(notes), reason_code=code, reason_values=values,
            **numbers,
        )

    def not_assessable(self, code: str | None = None, label: str = "unable to assess", **values) -> Assessment:
        """The not-assessable result, for this case's own reason or for ``code`` quoting ``values``."""
        code, values = (code, values) if code else (self.reason_code, self.reason_values)
        logger.info("%s: not assessable: %s", self.method, code)
        return self.result("not_assessable", code, values, label=label)

    def achieved(self, label: str = "target achieved", notes=(), **numbers) -> Assessment:
        return self.result("target_achieved", "target_met", self.met_values(), label=label, notes=notes, **numbers)

    def met_values(self) -> dict:
        """The values a ``target_met`` reason quotes."""
        return {"last_value": self.last_value, "last_year": self.last_year, "target_value": self.target_value}


def case_and_growth(method, series, target_value, target_year, base_year=None, direction="increase", **rules):
    """The checked :class:`Case` and its CAGR since the base year, ``(case, rate, None)``, or
    ``(case, None, the not-assessable result)``; ``rules`` go to :meth:`Case.build`."""
    case = Case.build(method, series, target_value, target_year, base_year, direction, **rules)
    if not case.assessable:
        return case, None, case.not_assessable()
    actual, failed = case.growth_to(case.last_value, case.last_year)
    return case, actual, failed
