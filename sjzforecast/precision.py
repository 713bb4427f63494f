"""How precisely a number was written: its decimals, counted one way for the data and the pages.

A published value carries its precision in its decimals (``2.76`` has two, ``4000`` none).
:mod:`sjzforecast.series` reads them to :data:`READ_DECIMALS` to tell rounding from revision;
:mod:`sjzforecast.formats` to :data:`MAX_DECIMALS`, the most a page shows.
"""
from __future__ import annotations

import math
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
