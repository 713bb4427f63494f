"""Turn the long observations table into one annual series, without hiding conflicts.

Sources disagree: a year can carry several different values for one region and indicator.
:func:`select_series` keeps one value per year by the status rules of :mod:`sjzforecast.status`
(revisions, ``as_of``, breaks, definitions that differ) and a fixed, documented preference, and
reports every revision and conflict; :func:`series_variants` gives one series per alternative value so
that results can be recomputed on each (never pick one silently).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import SjzforecastError, did_you_mean
from .precision import READ_DECIMALS, decimals_of
from .status import CAVEAT_FLAGS, known_as_of, segment_start, vintage_key

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


#: The words of a ``note:`` that mark a published lower bound, in English or Chinese
#: (``note: lower bound ('超过1.5万家')``, ``note: 下限（原文“超过1.5万家”）``).
LOWER_BOUND_NOTES = ("lower bound", "下限")


def is_lower_bound(derived: str) -> bool:
    """Whether the ``derived`` column marks the value as a lower bound: a ``note:`` naming one of
    :data:`LOWER_BOUND_NOTES`, as for "超过1.5万家" (over 15,000) or "突破12.7万家" (past 127,000).

    >>> is_lower_bound("note: lower bound (超过1.5万家)"), is_lower_bound("note: 下限"), is_lower_bound("note: revised")
    (True, True, False)
    """
    text = (derived or "").strip().lower()
    return text.startswith("note") and any(words in text for words in LOWER_BOUND_NOTES)


def significant_digits(value: float) -> int:
    """Significant digits a value was given with (``117.4`` -> 4, ``0.05`` -> 1)."""
    return len(f"{abs(value):.{READ_DECIMALS}f}".rstrip("0").replace(".", "").lstrip("0"))


#: Below this many significant digits a difference is taken as a revision, not as rounding
#: (``2.00`` and ``2.02`` are two readings; ``117.4`` and ``117.38`` are one).
ROUNDING_MIN_DIGITS = 4


def same_up_to_rounding(a: float, b: float) -> bool:
    """Whether ``a`` and ``b`` are one number published at two precisions.

    True when they agree after rounding both to the coarser one's decimals and the coarser
    one still has :data:`ROUNDING_MIN_DIGITS` significant digits (a CSV float keeps no
    trailing zeros, so a short number cannot tell rounding from revision).
    """
    coarse = a if decimals_of([a], READ_DECIMALS) <= decimals_of([b], READ_DECIMALS) else b
    if significant_digits(coarse) < ROUNDING_MIN_DIGITS:
        return abs(a - b) < 1e-9
    d = decimals_of([coarse], READ_DECIMALS)
    return abs(round(a, d) - round(b, d)) < 1e-9


@dataclass(frozen=True)
class Conflict:
    """Different values published for one year in the same vintage."""

    year: int
    chosen: float
    alternatives: tuple[float, ...]


@dataclass(frozen=True)
class Revision:
    """A value superseded by a later vintage of the same year (not a conflict).

    ``earlier`` holds ``(value, published)`` of each superseded vintage (``published`` is
    ``""`` where the date is unknown).
    """

    year: int
    value: float
    published: str
    earlier: tuple[tuple[float, str], ...]


#: What became of each row of a selection (the ``status`` column of ``SeriesSelection.rows``).
ROW_STATUSES = {
    "used": "the value of its year",
    "alternative": "same vintage, another source or reading (a conflict when the value differs)",
    "superseded": "an earlier vintage, revised since",
    "excluded": "definition differs (flag d): never in a trend",
    "before_break": "before the latest break in series (flag b)",
}


@dataclass
class SeriesSelection:
    """One annual series with the rows behind it, its conflicts, revisions and caveats.

    ``rows`` holds every row considered, with ``status`` (:data:`ROW_STATUSES`), ``used``,
    ``provenance`` and ``lower_bound`` (:func:`is_lower_bound`); ``excluded`` the rows flagged
    ``d``; ``segment_start`` the year of the latest break the series starts from (None without a break).
    """

    region: str
    indicator: str
    series: pd.Series
    rows: pd.DataFrame
    conflicts: list[Conflict] = field(default_factory=list)
    unit: str = ""
    revisions: list[Revision] = field(default_factory=list)
    segment_start: int | None = None
    as_of: str | None = None

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts)

    @property
    def latest_is_lower_bound(self) -> bool:
        """Whether the value of the latest year was published as a lower bound (:attr:`lower_bound_years`)."""
        return int(self.series.index[-1]) in self.lower_bound_years

    @property
    def latest_row(self) -> pd.Series | None:
        """The row of the latest value used (its source, quote and flags), None where no row is used."""
        used = self.rows[self.rows["used"]].sort_values("year")
        return used.iloc[-1] if len(used) else None

    @property
    def lower_bound_years(self) -> tuple[int, ...]:
        """The years whose value used was published as a lower bound (:func:`is_lower_bound`)."""
        rows = self.rows
        return tuple(int(year) for year in rows.loc[rows["used"] & rows["lower_bound"], "year"])

    @property
    def excluded(self) -> pd.DataFrame:
        """Rows flagged ``d`` (definition differs), listed with their quote, never used."""
        return self.rows[self.rows["status"] == "excluded"]

    @property
    def flagged(self) -> pd.DataFrame:
        """Used rows that carry a caveat: flagged ``e`` or ``u``, or unsourced."""
        used = self.rows[self.rows["used"]]
        return used[used["flag"].isin(CAVEAT_FLAGS) | used["unsourced"].astype(bool)]


def _with_status_columns(rows: pd.DataFrame) -> pd.DataFrame:
    """Frames built in code may lack the optional columns: add them empty."""
    defaults = {"flag": "", "published": "", "source_file": "", "unsourced": False}
    return rows.assign(**{k: v for k, v in defaults.items() if k not in rows.columns})


def _missing_series_error(obs: pd.DataFrame, region: str, indicator: str) -> SjzforecastError:
    regions = sorted(obs["region"].unique())
    if region not in regions:
        return SjzforecastError(f"No region {region!r} in the observations{did_you_mean(region, regions)}; "
                                f"known: {regions}")
    known = sorted(obs.loc[obs["region"] == region, "indicator"].unique())
    return SjzforecastError(f"No observations of {indicator!r} for {region!r}{did_you_mean(indicator, known)}; "
                            f"known indicators there: {known}")


def _resolve_year(values: list[float], published: list[str], vintages: list[tuple]):
    """Rules 2 and 3 of :func:`select_series` on one year's rows, in order of preference.

    Returns the position used, the positions superseded, the values that conflict with the
    one used (same vintage) and the earlier vintages that differ from it (value -> date).
    """
    latest = max(vintages)
    current = [i for i, v in enumerate(vintages) if v == latest]
    older = [i for i, v in enumerate(vintages) if v != latest]
    preferred = values[current[0]]
    agreeing = [i for i in current if same_up_to_rounding(values[i], preferred)]
    # the first of the most precise agreeing values
    best = max(agreeing, key=lambda i: decimals_of([values[i]], READ_DECIMALS))
    value = values[best]
    alternatives = tuple(dict.fromkeys(round(values[i], 10) for i in current
                                       if not same_up_to_rounding(values[i], value)))
    earlier = {}
    for i in sorted(older, key=lambda i: published[i]):  # a value published twice keeps its latest date
        if not same_up_to_rounding(values[i], value):
            earlier[values[i]] = published[i]
    return best, older, alternatives, earlier


def select_series(obs: pd.DataFrame, region: str, indicator: str, as_of: str | None = None,
                  from_break: bool = True) -> SeriesSelection:
    """One value per year for ``region`` and ``indicator``, by the rules of :mod:`sjzforecast.status`.

    1. Rows known on ``as_of`` only (:func:`~sjzforecast.status.known_as_of`); rows flagged
       ``d`` are set apart (``excluded``).
    2. Per year, the latest vintage (:func:`~sjzforecast.status.vintage_key`) supersedes the
       others: each superseded value that differs is a :class:`Revision`, not a conflict.
    3. Within the latest vintage, the row with the best :data:`PROVENANCE_RANK` wins (file
       order breaks ties) and different values are conflicts (:class:`Conflict`).  Identical values from
       several sources are not conflicts, nor are values that agree up to the rounding of the
       less precise one (117.38 and 117.4): then the more precise value is used.
    4. With ``from_break`` (default), the series starts at the latest year whose value is
       flagged ``b``; earlier rows get the status ``before_break``.

    Parameters
    ----------
    as_of : str, optional
        ISO date: the data as they were known then (a real-time backtest).
    from_break : bool
        Start at the latest break in series (``b``); False keeps every segment.

    Raises
    ------
    SjzforecastError
        No row for this region and indicator (the message lists what exists), or none that
        is known on ``as_of`` and comparable (not ``d``).
    """
    rows = obs[(obs["region"] == region) & (obs["indicator"] == indicator)]
    if rows.empty:
        raise _missing_series_error(obs, region, indicator)
    every_row = _with_status_columns(rows)
    rows = known_as_of(every_row, as_of).copy()
    rows["provenance"] = rows["derived"].map(provenance_kind)
    rows["lower_bound"] = rows["derived"].map(is_lower_bound)
    rows["rank"] = rows["provenance"].map(PROVENANCE_RANK)
    rows["order"] = range(len(rows))
    rows = rows.sort_values(["year", "rank", "order"])
    years, values = rows["year"].to_numpy(int), rows["value"].to_numpy(float)
    flags, published = rows["flag"].to_numpy(object), rows["published"].tolist()
    vintages = [vintage_key(p, f) for p, f in zip(published, flags)]
    status = np.where(flags == "d", "excluded", "alternative").astype(object)
    by_year: dict[int, list[int]] = {}
    for pos in np.flatnonzero(status != "excluded"):
        by_year.setdefault(int(years[pos]), []).append(int(pos))
    if rows.empty:
        first = every_row["published"].where(every_row["published"] != "", (every_row["year"] + 1).astype(str) + "-01-01")
        raise SjzforecastError(f"No comparable observations known on {as_of} of {indicator!r} for {region!r}: "
                               f"none was published by then (the first is known from {first.min()}); "
                               "choose a later as_of")
    if not by_year:
        when = f" known on {as_of}" if as_of else ""
        raise SjzforecastError(f"No comparable observations{when} of {indicator!r} for {region!r}: "
                               f"{len(rows)} rows flagged d (definition differs), none usable")
    used, conflicts, revisions = [], [], []
    for year, pos in by_year.items():
        best, older, alternatives, earlier = _resolve_year(
            [values[p] for p in pos], [published[p] for p in pos], [vintages[p] for p in pos])
        used.append(pos[best])
        status[[pos[i] for i in older]] = "superseded"
        if alternatives:
            conflicts.append(Conflict(year, float(values[pos[best]]), tuple(float(v) for v in alternatives)))
        if earlier:
            revisions.append(Revision(year, float(values[pos[best]]), published[pos[best]],
                                      tuple((float(v), d) for v, d in earlier.items())))
    status[used] = "used"
    start = segment_start(years[used], flags[used]) if from_break else None
    if start is not None:
        status[(years < start) & (status != "excluded")] = "before_break"
        used = [p for p in used if years[p] >= start]
        conflicts = [c for c in conflicts if c.year >= start]
        revisions = [r for r in revisions if r.year >= start]
    series = pd.Series(values[used], index=years[used], name=indicator)
    series.index.name = "year"
    rows["status"] = status
    rows["used"] = status == "used"
    unit = rows["unit"].iloc[0]
    return SeriesSelection(region, indicator, series, rows.drop(columns=["rank", "order"]),
                           conflicts, unit, revisions, start, as_of)


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


def variant_lower_bounds(selection: SeriesSelection, variant: pd.Series) -> tuple[int, ...]:
    """The years whose value in ``variant`` (one of :func:`series_variants`) was published as a lower bound:
    those of :attr:`SeriesSelection.lower_bound_years` it keeps, and those where it takes an alternative row
    that is one."""
    rows = selection.rows
    bounds = rows[(rows["status"] == "alternative") & rows["lower_bound"]]
    swapped = {int(year) for year, value in zip(bounds["year"], bounds["value"])
               if variant[year] != selection.series[year] and variant[year] == value}
    kept = {year for year in selection.lower_bound_years if variant[year] == selection.series[year]}
    return tuple(sorted(kept | swapped))
