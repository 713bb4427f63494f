"""How precisely a number was written: its decimals, counted one way for the data and the pages.

A published value carries its precision in its decimals (``2.76`` has two, ``4000`` none).
:mod:`sjzforecast.series` reads them to :data:`READ_DECIMALS` to tell rounding from revision;
:mod:`sjzforecast.formats` to :data:`MAX_DECIMALS`, the most a page shows.  A float forgets the
trailing zeros a number was written with (``2.10`` is ``2.1``), so the data file's text of each value is
counted when it is read (:func:`written_decimals`, the ``decimals`` column of
:func:`sjzforecast.data.load_observations`), and every page shows an observation with its own
(:func:`observed_decimals`).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

#: Most decimals any number is shown with outside ``<code>``.
MAX_DECIMALS = 3
#: Decimals a value of the data is read to when precisions are compared (digits beyond are float noise).
READ_DECIMALS = 10


def is_missing(x) -> bool:
    """``None`` or a float NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def decimals_of(values: Iterable[float | None], limit: int = MAX_DECIMALS) -> int:
    """Precision of published values: the most decimals among them (as written), at most ``limit``.

    The decimals of :math:`x` are those of ``f"{x:.{limit}f}"`` without trailing zeros; missing
    values are skipped.

    >>> decimals_of([1.83, 2.13, 2.7])
    2
    >>> decimals_of([4000, 1557])
    0
    >>> decimals_of([117.38125]), decimals_of([117.38125], limit=READ_DECIMALS)
    (3, 5)
    """
    most = 0
    for value in values:
        if is_missing(value):
            continue
        text = f"{float(value):.{limit}f}".rstrip("0")
        most = max(most, len(text.partition(".")[2]))
    return most


#: A plain decimal number as a data file writes it (sign, digits, an optional decimal part).
PLAIN_NUMBER = re.compile(r"\s*[-+]?\d*(?:\.(\d*))?\s*")


def written_decimals(text) -> int | None:
    """The decimals a value was written with in its data file: ``"196"`` 0, ``"2.10"`` 2, ``"196.0"`` 1.

    None where the text is not a plain decimal number (``"1.5e3"``, a number read from a spreadsheet
    cell rather than text): then its float's own decimals tell (:func:`observed_decimals`).

    >>> written_decimals("196"), written_decimals("2.10"), written_decimals(" 117.38 "), written_decimals("1e3")
    (0, 2, 2, None)
    """
    match = PLAIN_NUMBER.fullmatch(text) if isinstance(text, str) else None
    return None if match is None else len(match.group(1) or "")


def observed_decimals(value: float | None, written=None) -> int:
    """The decimals an observation is shown with on every page: those it was published with (``written``,
    :func:`written_decimals`), else those of its float (:func:`decimals_of`), at most :data:`MAX_DECIMALS`.

    A forecast is shown at the precision of its series (:func:`decimals_of` of the values used); an observed
    value at its own: ``196`` beside a series of ``117.38``, ``2.10`` where the float reads ``2.1``.

    >>> observed_decimals(2.1, 2), observed_decimals(196.0, 0), observed_decimals(2.76), observed_decimals(2.1, None)
    (2, 0, 2, 1)
    """
    if is_missing(written):
        return decimals_of([value])
    return min(int(written), MAX_DECIMALS)
