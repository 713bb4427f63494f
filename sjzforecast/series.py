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


def provenance_kind(derived: str) -> str:
    """Classify the ``derived`` column: ``direct``, ``derived`` or ``note``."""
    text = (derived or "").strip()
    if not text:
        return "direct"
    return "derived" if text.startswith("derived") else "note"


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
    ``conflicts``.  Identical values from several sources are not conflicts.

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
    chosen = rows.groupby("year", sort=True).head(1)
    series = pd.Series(chosen["value"].to_numpy(float), index=chosen["year"].to_numpy(int), name=indicator)
    series.index.name = "year"
    conflicts = []
    for year, group in rows.groupby("year", sort=True):
        values = list(dict.fromkeys(group["value"].round(10)))
        if len(values) > 1:
            conflicts.append(Conflict(int(year), float(values[0]), tuple(float(v) for v in values[1:])))
    rows["used"] = rows.index.isin(chosen.index)
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
