"""Observation status and vintages: the one place where revisions, breaks and caveats are ruled.

Every observations file may carry two optional columns, in the vocabulary of the Eurostat /
SDMX observation status (code list ``CL_OBS_STATUS``):

``flag``
    ``p`` provisional, ``r`` revised, ``e`` estimated, ``b`` break in series (the definition
    changes from this year on), ``d`` definition differs (not comparable with the main series),
    ``u`` low reliability; empty for none.
``published``
    The date the source was published, ISO ``YYYY-MM-DD``; empty when unknown.

Rules (applied by :func:`sjzforecast.select_series` through the functions here):

1. For one key (region, indicator, year), the latest *vintage* supersedes the others: a later
   ``published`` date wins; a dated row is later than an undated one (the undated rows are the
   older hand-collected readings); among rows of the same date (or all undated), ``r`` beats
   an unflagged row, which beats ``p``.  Superseded values are *revisions*, reported with both
   values, never conflicts.  Rows of the latest vintage that disagree remain a conflict.
2. ``as_of`` keeps the data as they were known on a date: rows published after it are dropped;
   an undated row counts as known from 1 January of the year after its reference year.
3. ``d`` rows never enter a series (they are listed apart); a ``b`` row starts a new segment
   and models use the data from the latest break on; ``u`` and ``e`` rows are used but flagged,
   as are unsourced rows (no ``source_url`` and no ``quote``, allowed only with ``e`` or ``u``).

References
----------
SDMX Content-Oriented Guidelines, code list CL_OBS_STATUS (observation status), version 2.2.
Eurostat, *Flags and special values*, https://ec.europa.eu/eurostat/data/database/information.
"""
from __future__ import annotations

import pandas as pd

#: Observation-status codes and their meaning.
FLAGS = {
    "p": "provisional",
    "r": "revised",
    "e": "estimated",
    "b": "break in series",
    "d": "definition differs",
    "u": "low reliability",
}
#: Flags whose rows are used but shown as caveats.
CAVEAT_FLAGS = ("e", "u")
#: Flags that allow a row without ``source_url`` and ``quote``.
UNSOURCED_FLAGS = CAVEAT_FLAGS
#: Order of rows of one publication date (or all undated): revised over unflagged over provisional.
STATUS_RANK = {"p": 0, "r": 2}


def vintage_key(published: str, flag: str) -> tuple[str, int]:
    """Sort key of a row's vintage: later ``published`` first, then ``r`` > none > ``p`` (rule 1)."""
    return (published or "", STATUS_RANK.get(flag, 1))


def known_as_of(obs: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    """The rows of ``obs`` known on the date ``as_of`` (rule 2); all rows when ``as_of`` is None.

    Parameters
    ----------
    obs : DataFrame
        Observations with ``year`` and ``published`` (ISO date or ``""``).
    as_of : str, optional
        ISO date ``YYYY-MM-DD``.

    Examples
    --------
    The 2023 row published in September 2025 is not known on 1 January 2025; the undated 2024 row
    counts as known from that day:

    >>> frame = pd.DataFrame({"year": [2023, 2023, 2024], "published": ["2024-10-02", "2025-09-29", ""]})
    >>> known_as_of(frame, "2025-01-01").index.tolist()
    [0, 2]
    """
    if as_of is None:
        return obs
    from .errors import SjzforecastError

    try:
        cutoff = pd.Timestamp(str(as_of)).strftime("%Y-%m-%d")
    except ValueError as exc:
        raise SjzforecastError(f"as_of {as_of!r} is not a date; valid: YYYY-MM-DD") from exc
    assumed = (obs["year"] + 1).astype(str) + "-01-01"
    published = obs["published"].where(obs["published"] != "", assumed)
    return obs[published <= cutoff]


def segment_start(years, flags) -> int | None:
    """The year of the latest break (``b``) among the used rows (numpy arrays), or None (rule 3)."""
    breaks = years[flags == "b"]
    return int(breaks.max()) if len(breaks) else None
