"""Turn the long observations table into one annual series, without hiding conflicts.

Sources disagree: a year can carry several different values for one region and indicator.
:func:`select_series` keeps one value per year by a fixed, documented preference and
reports every conflict; :func:`series_variants` gives one series per alternative value so
that results can be recomputed on each (never pick one silently).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

#: Preference among rows of one year, best first: a value read directly in an official
#: source, then arithmetic on quoted numbers, then a value read with a caveat.
PROVENANCE_RANK = {"direct": 0, "derived": 1, "note": 2}


#: Notes that mark an official reading rather than a caveat (the plan's own figures).
OFFICIAL_NOTES = ("note: from the plan",)


def provenance_kind(derived: str) -> str:
    """Classify the ``derived`` column: ``direct``, ``derived`` or ``note``.

    A value read from the plan itself (``note: from the plan text``) counts as direct.
    """
    text = (derived or "").strip()
    if not text or text.startswith(OFFICIAL_NOTES):
        return "direct"
    return "derived" if text.startswith("derived") else "note"


def decimals(value: float) -> int:
    """Number of decimals a published value was given with (``117.38`` -> 2, ``2499.0`` -> 0)."""
    text = f"{value:.10f}".rstrip("0")
    return len(text.split(".")[1])


def significant_digits(value: float) -> int:
    """Significant digits a value was given with (``117.4`` -> 4, ``0.05`` -> 1)."""
    return len(f"{abs(value):.10f}".rstrip("0").replace(".", "").lstrip("0"))


#: Below this many significant digits a difference is taken as a revision, not as rounding
#: (``2.00`` and ``2.02`` are two readings; ``117.4`` and ``117.38`` are one).
ROUNDING_MIN_DIGITS = 4


def same_up_to_rounding(a: float, b: float) -> bool:
    """Whether ``a`` and ``b`` are one number published at two precisions.

    True when they agree after rounding both to the coarser one's decimals and the coarser
    one still has :data:`ROUNDING_MIN_DIGITS` significant digits (a CSV float keeps no
    trailing zeros, so a short number cannot tell rounding from revision).
    """
    coarse = a if decimals(a) <= decimals(b) else b
    if significant_digits(coarse) < ROUNDING_MIN_DIGITS:
        return abs(a - b) < 1e-9
    d = decimals(coarse)
    return abs(round(a, d) - round(b, d)) < 1e-9


@dataclass(frozen=True)
class Conflict:
    """Different values published for one year."""

    year: int
    chosen: float
    alternatives: tuple[float, ...]


@dataclass
class SeriesSelection:
    """One annual series with the rows behind it and the conflicts found."""

    region: str
    indicator: str
    series: pd.Series
    rows: pd.DataFrame
    conflicts: list[Conflict] = field(default_factory=list)
    unit: str = ""

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts)


def select_series(obs: pd.DataFrame, region: str, indicator: str) -> SeriesSelection:
    """One value per year for ``region`` and ``indicator``.

    Where a year has several different values, the row with the best
    :data:`PROVENANCE_RANK` wins (file order breaks ties) and the others are listed in
    ``conflicts``.  Identical values from several sources are not conflicts, nor are values
    that agree up to the rounding of the less precise one (117.38 and 117.4): then the more
    precise value is used.

    Raises
    ------
    ValueError
        If there is no row for this region and indicator; the message lists what exists.
    """
    rows = obs[(obs["region"] == region) & (obs["indicator"] == indicator)].copy()
    if rows.empty:
        if not (obs["region"] == region).any():
            raise ValueError(f"No region {region!r} in the observations; known: {sorted(obs['region'].unique())}")
        known = sorted(obs.loc[obs["region"] == region, "indicator"].unique())
        raise ValueError(f"No observations of {indicator!r} for {region!r}; known indicators there: {known}")
    rows["provenance"] = rows["derived"].map(provenance_kind)
    rows["rank"] = rows["provenance"].map(PROVENANCE_RANK)
    rows["order"] = range(len(rows))
    rows = rows.sort_values(["year", "rank", "order"])
    used, conflicts = [], []
    for year, group in rows.groupby("year", sort=True):
        preferred = group["value"].iloc[0]
        agreeing = group["value"][group["value"].map(lambda v: same_up_to_rounding(v, preferred))]
        best = agreeing.map(decimals).idxmax()  # the most precise of the agreeing values
        used.append(best)
        value = rows.at[best, "value"]
        others = dict.fromkeys(round(v, 10) for v in group["value"] if not same_up_to_rounding(v, value))
        if others:
            conflicts.append(Conflict(int(year), float(value), tuple(float(v) for v in others)))
    chosen = rows.loc[used]
    series = pd.Series(chosen["value"].to_numpy(float), index=chosen["year"].to_numpy(int), name=indicator)
    series.index.name = "year"
    rows["used"] = rows.index.isin(used)
    unit = rows["unit"].iloc[0]
    return SeriesSelection(region, indicator, series, rows.drop(columns=["rank", "order"]), conflicts, unit)


def series_variants(selection: SeriesSelection) -> dict[str, pd.Series]:
    """The chosen series and one variant per alternative value.

    Returns
    -------
    dict
        ``{"main": series, "2023=2.52": variant, ...}``: each variant swaps one
        conflicting year's value for one of its alternatives.
    """
    out = {"main": selection.series}
    for conflict in selection.conflicts:
        for alt in conflict.alternatives:
            variant = selection.series.copy()
            variant.loc[conflict.year] = alt
            out[f"{conflict.year}={alt:g}"] = variant
    return out
