"""Plan targets turned into what the methods need, and assessment across source variants.

Target kinds (``data/targets.yaml``):

* ``level``: ``target_value`` is the level in ``target_year``;
* ``cumulative_increase``: the level is ``base_value + target_value``;
* ``growth_rate``: ``target_value`` is an average annual growth in percent from
  ``base_year`` to ``target_year``, judged on the growth achieved from the base-year
  *observation* ``y_b``: the level is ``y_b (1 + g/100)^{T - b}``, so reaching it is the same
  as achieving a CAGR of ``g`` since the base year.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..effort import clean_series, grow
from ..series import SeriesSelection, variant_lower_bounds, series_variants
from .assessment import Assessment
from .registry import METHODS, assess, assess_all

logger = logging.getLogger(__name__)


#: How a plan target is read in a year other than its own (see :func:`target_level_in_year`).
TARGET_MODES = ("plan", "pace")


def target_level_in_year(kind: str, target_value: float, base_year: int, base_value: float, plan_year: int,
                         year: int, base_observation: float | None = None, mode: str = "plan") -> float:
    r"""The level a plan target asks for in ``year`` (which may differ from the plan's year).

    With :math:`b` the base year, :math:`T` the plan's target year, :math:`t` the year judged,
    :math:`v` the target value and :math:`B` the table's base value:

    ``growth_rate`` (an average annual growth of :math:`v` %), judged on the growth achieved
    from the *observed* base-year value :math:`y_b`, in every mode:

    .. math:: L_t = y_b (1 + v/100)^{t - b}

    ``level`` and ``cumulative_increase`` in mode ``"plan"``: the plan's level whatever the
    year (:math:`v`, or :math:`B + v`): before :math:`T` it asks whether the level is already
    reached, after :math:`T` whether it still holds.  In mode ``"pace"``: the plan's pace,
    interpolated before and continued after :math:`T`:

    .. math:: L_t = B (v / B)^{(t-b)/(T-b)} \quad \text{(level: compound pace)}

    .. math:: L_t = B + v (t-b)/(T-b) \quad \text{(cumulative increase: linear pace)}

    Raises
    ------
    ValueError
        Unknown kind or mode, ``year`` not after ``base_year``, a missing or non-positive
        base observation for a growth-rate target, a non-positive base for the compound pace,
        or a rate at or below -100 %.
    """
    if mode not in TARGET_MODES:
        raise ValueError(f"target mode {mode!r}; valid: {list(TARGET_MODES)}")
    if year <= base_year:
        raise ValueError(f"target year {year} is not after the target's base year {base_year}")
    if kind == "growth_rate":
        if base_observation is None or not np.isfinite(base_observation):
            raise ValueError(f"a growth-rate target is judged from the observation in its base year {base_year}, "
                             "and there is none")
        if base_observation <= 0:
            raise ValueError(f"a growth-rate target needs a positive base value, got {base_observation:g} "
                             f"in {base_year}")
        return grow(base_observation, target_value / 100.0, year - base_year)
    share = (year - base_year) / (plan_year - base_year)
    if kind == "level":
        if mode == "plan":
            return target_value
        if base_value <= 0 or target_value <= 0:
            raise ValueError(f"the compound pace of a level target needs positive values, got base {base_value:g} "
                             f"and target {target_value:g}")
        return base_value * (target_value / base_value) ** share
    if kind == "cumulative_increase":
        return base_value + target_value * (1.0 if mode == "plan" else share)
    raise ValueError(f"target kind {kind!r}; valid: level, growth_rate, cumulative_increase")


@dataclass(frozen=True)
class ResolvedTarget:
    """A target turned into a level to reach (or not exceed) in one year.

    ``unit`` is the unit of the level (the indicator's: 亿元, 家, %), also for a growth-rate
    target, whose rate is in percent a year (see ``description``).
    """

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
    plan_year: int | None = None  # the year the plan sets the target for; None for a user target


def resolve_target(target_row, series: pd.Series, target_year: int, target_value: float | None = None,
                   direction: str = "increase", mode: str = "plan", unit: str = "") -> ResolvedTarget:
    """The level that meets the target in ``target_year`` (any year after the target's base year).

    * ``target_value`` given: a level target set by the user;
    * otherwise the plan's target read by :func:`target_level_in_year` in ``mode``
      (``level``: the plan's value; ``cumulative_increase``: ``base_value + target_value``;
      ``growth_rate``: :math:`y_b (1 + g/100)^{t - b}` from the observed base-year value).

    ``unit`` is the unit of the observations (default: the target row's).

    Raises
    ------
    ValueError
        No target and no ``target_value``, or the errors of :func:`target_level_in_year`
        (e.g. a growth-rate target without a base-year observation).
    """
    if target_value is not None:
        from ..i18n import indicator_label  # an indicator without a plan target is named as the data check names it

        name = target_row if target_row is not None else {}
        return ResolvedTarget(
            target_id="user", level=float(target_value), year=int(target_year), kind="level",
            direction=direction, name_zh=str(name.get("name_zh", indicator_label(str(series.name), "zh"))),
            name_en=str(name.get("name_en", indicator_label(str(series.name), "en"))),
            unit=unit or str(name.get("unit", "")),
            quote="", description=f"user target {target_value:g} in {target_year}")
    if target_row is None:
        raise ValueError(f"no plan target for {series.name!r} in this region: give target_value")
    kind, base_year, plan_year = target_row["target_kind"], int(target_row["base_year"]), int(target_row["target_year"])
    if kind == "growth_rate" and base_year not in series.index:
        raise ValueError(f"growth-rate target {target_row.get('target_id', '')!r} is judged from the base-year "
                         f"observation, but there is none in {base_year} (observed: {list(series.index)})")
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
    text = {k: str(target_row.get(k, "")) for k in ("target_id", "name_zh", "name_en", "unit", "quote")}
    return ResolvedTarget(
        target_id=text["target_id"], level=level, year=int(target_year), kind=kind,
        direction=str(target_row.get("direction", "increase")), name_zh=text["name_zh"], name_en=text["name_en"],
        unit=unit or text["unit"], quote=text["quote"], description=description, base_year=base_year,
        plan_year=plan_year)


def target_level(target_row, series: pd.Series | None = None) -> float:
    """The level a target row implies in its target year (:func:`resolve_target` in the plan's year).

    Parameters
    ----------
    target_row : Series or mapping
        A row of :func:`sjzforecast.load_targets`.
    series : Series, optional
        Observations indexed by year; needed for a ``growth_rate`` target (its base-year value).

    Raises
    ------
    ValueError
        Unknown kind; a growth-rate target without an observation in its base year, from a
        non-positive base value, or with a rate at or below -100 %.
    """
    y = clean_series(series) if series is not None else pd.Series(dtype=float)
    return resolve_target(target_row, y, int(target_row["target_year"])).level


def target_arguments(target_row, series: pd.Series) -> dict:
    """Keyword arguments of :func:`assess` for a target row: target value, year, base year, direction."""
    return {
        "target_value": target_level(target_row, series),
        "target_year": int(target_row["target_year"]),
        "base_year": int(target_row["base_year"]),
        "direction": target_row["direction"],
    }


def assess_target(target_row, series: pd.Series, method: str = "opensdg", **kwargs) -> Assessment:
    """:func:`assess` a series against a row of the plan's targets.

    The base year is the target's; for a growth-rate target the note records the level
    that the rate implies.
    """
    arguments = target_arguments(target_row, series)
    result = assess(series, method=method, **arguments, **kwargs)
    if target_row["target_kind"] == "growth_rate":
        result = result.with_note(f"{float(target_row['target_value']):g} % a year from {arguments['base_year']} "
                                  f"means {arguments['target_value']:.4g} in {arguments['target_year']}")
    return result


@dataclass(frozen=True)
class VariantComparison:
    """Assessments of every variant of a series (one row per variant and method)."""

    table: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """One row per method: category per variant, whether it changes, probability range."""
        rows = []
        for method, group in self.table.groupby("method", sort=False):
            probabilities = group["probability"].dropna()
            rows.append({
                "method": method,
                "categories": dict(zip(group["variant"], group["category"])),
                "category_changes": group["category"].nunique() > 1,
                "probability_min": probabilities.min() if len(probabilities) else None,
                "probability_max": probabilities.max() if len(probabilities) else None,
            })
        return pd.DataFrame(rows)

    @property
    def category_changes(self) -> dict[str, bool]:
        """Method -> whether its category differs between variants."""
        summary = self.summary()
        return dict(zip(summary["method"], summary["category_changes"]))

    @property
    def probability_spread(self) -> float | None:
        """Largest minus smallest probability over the variants (None without the probability method)."""
        probabilities = self.table["probability"].dropna()
        probabilities = probabilities[self.table.loc[probabilities.index, "method"] == "probability"]
        return float(probabilities.max() - probabilities.min()) if len(probabilities) else None


def assess_variants(selection_or_variants, target_value, target_year, base_year=None, direction="increase",
                    limit=None, methods=tuple(METHODS), **kwargs) -> VariantComparison:
    """Run :func:`assess_all` on every variant of a series whose sources conflict.

    Parameters
    ----------
    selection_or_variants : SeriesSelection or dict
        A :func:`sjzforecast.select_series` result (its :func:`series_variants` are used, each
        with its values published as lower bounds, :func:`variant_lower_bounds`) or a dict
        ``name -> Series``.
    Other parameters are those of :func:`assess_all`; the same ``seed`` is used for every
    variant so that probabilities differ only by the data.

    Returns
    -------
    VariantComparison
        ``.table`` (variant, method and the assessment fields), ``.summary()``,
        ``.category_changes`` and ``.probability_spread``.
    """
    bounds = {}
    if isinstance(selection_or_variants, SeriesSelection):
        variants = series_variants(selection_or_variants)
        bounds = {name: variant_lower_bounds(selection_or_variants, series) for name, series in variants.items()}
    elif isinstance(selection_or_variants, dict) and selection_or_variants:
        variants = selection_or_variants
    else:
        raise TypeError("expected a SeriesSelection or a non-empty dict of name -> Series, "
                        f"got {type(selection_or_variants).__name__}")
    frames = []
    for name, series in variants.items():
        options = {"lower_bound_years": bounds[name], **kwargs} if name in bounds else kwargs
        frame = assess_all(series, target_value, target_year, base_year, direction, limit, methods, **options)
        frames.append(frame.assign(variant=name))
    table = pd.concat(frames, ignore_index=True)
    table = table[["variant"] + [c for c in table.columns if c != "variant"]]
    comparison = VariantComparison(table)
    changed = [m for m, c in comparison.category_changes.items() if c]
    if changed:
        logger.info("category depends on the source for %s", changed)
    return comparison
