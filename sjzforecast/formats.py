"""Numbers as a page shows them: one helper per kind of number, the same in every page.

=====================  ==========================================  ==============
kind                   rule                                        example
=====================  ==========================================  ==============
growth rate            percent a year, one decimal                 ``12.3 %/年``
share (a fraction)     percent, one decimal                        ``12.3 %``
probability            whole percent                               ``64 %``
amount                 the precision of the data (at most three    ``2.76 %``,
                       decimals), thousands separators             ``1,557.2 亿元``
count (个, 家, 件)     integer, thousands separators               ``10,969 家``
difference of levels   as the levels, signed; of shares in         ``+98 家``,
                       percentage points                           ``-0.06 pp``
=====================  ==========================================  ==============

Numbers and their unit are joined by a no-break space (U+00A0), so ``64 %`` never breaks
between the number and the sign.  Units are translated by :func:`unit_label`: 亿元 is
"hundred million yuan" on English pages, everywhere (no two numerals in a row).  A missing number is an em dash.

The precision of the data is the largest number of decimals among the published values
(:func:`~sjzforecast.precision.decimals_of`): a series published as 1.83, 2.13, 2.76 is shown,
and forecast, with two decimals.  An observed value itself is shown with the decimals it was published
with (:func:`observation_decimals`): ``196`` beside a target of ``206.86``, ``2.10`` where its float reads 2.1.
"""
from __future__ import annotations

from .i18n import UNIT_LABELS, t
from .precision import (MAX_DECIMALS, decimals_of, is_missing,  # noqa: F401  (decimals_of: the precision of the data)
                        observed_decimals)

NBSP = "\u00a0"
MISSING = "—"
#: Units whose values are counts of things (or ranks): shown as integers.
COUNT_UNITS = ("个", "家", "件", "rank")
#: How a number that is only a bound is worded (:func:`bounded`: a growth rate, a share): the keys of its wording.
RATE_BOUND_KEYS = {"upper": "rate_at_most", "lower": "rate_at_least"}
#: Unit of a difference of two levels where it is not the levels' unit: shares in % differ by percentage points.
DIFFERENCE_UNITS = {"%": "pp"}


def unit_label(unit: str | None, language: str) -> str:
    """The unit in ``language``; a unit without a translation is shown as it is."""
    return UNIT_LABELS.get(unit or "", {}).get(language, unit or "")


def indicator_unit(indicator: str, unit: str | None) -> str | None:
    """The unit ``indicator``'s values are shown in: a growth rate (an indicator named ``*_growth``, such as
    ``fiscal_st_expenditure_growth``) published in ``%`` is in percent a year (``%/yr``, :func:`unit_label`
    ``%/年``), as the pages show every rate (:func:`format_rate`); any other unit as it is.

    >>> indicator_unit("fiscal_st_expenditure_growth", "%"), indicator_unit("rd_intensity", "%")
    ('%/yr', '%')
    """
    return "%/yr" if unit == "%" and indicator.endswith("_growth") else unit


def shown_decimals(decimals: float) -> int:
    """The decimals a number is shown with: ``decimals``, within 0 and :data:`MAX_DECIMALS`."""
    return int(min(max(decimals, 0), MAX_DECIMALS))


def level_decimals(unit: str | None, decimals: int | None) -> int | None:
    """The decimals a level in ``unit`` is shown with: none for a count (:data:`COUNT_UNITS`), else
    the data's precision ``decimals`` (:func:`shown_decimals`); None where that is not given."""
    if unit in COUNT_UNITS:
        return 0
    return None if decimals is None else shown_decimals(decimals)


def format_number(x: float | None, decimals: int = 0) -> str:
    """``x`` with ``decimals`` decimals (at most :data:`MAX_DECIMALS`) and thousands separators."""
    if is_missing(x):
        return MISSING
    return f"{float(x):,.{shown_decimals(decimals)}f}"


def observation_decimals(row) -> int | None:
    """The decimals an observation (a row of the data: ``value`` and, where read from a data file, the
    ``decimals`` it was written with) is shown with on every page: its own
    (:func:`~sjzforecast.precision.observed_decimals`), ``196`` for a value published as 196 in a series of
    117.38, ``2.10`` for one published as 2.10; None for no row.  Forecasts keep the series' precision."""
    return None if row is None else observed_decimals(row["value"], row.get("decimals"))


def format_value(x: float | None, unit: str | None = None, language: str = "zh", decimals: int | None = None,
                 with_unit: bool = True, lower_bound: bool = False) -> str:
    """An amount or count in its unit.

    Parameters
    ----------
    x : float or None
    unit : str, optional
        A unit of the data; counts (:data:`COUNT_UNITS`) are integers.
    language : {"zh", "en"}
        Language of the unit.
    decimals : int, optional
        The precision of the data (:func:`decimals_of`); by default the value's own decimals,
        which is right for a published value and at most :data:`MAX_DECIMALS` for a computed one.
    with_unit : bool
        Append the unit (leave it out where the table header names it).
    lower_bound : bool
        ``x`` was published as a lower bound: ``超过 15,000 家`` (``over 15,000``).
    """
    decimals = level_decimals(unit, decimals)
    if decimals is None:
        decimals = 0 if is_missing(x) else decimals_of([x])
    text = format_number(x, decimals)
    label = unit_label(unit, language)
    text = f"{text}{NBSP}{label}" if with_unit and label and text != MISSING else text
    return t("lower_bound_value", language, value=text) if lower_bound and text != MISSING else text


def format_published(values, unit: str | None = None, language: str = "zh") -> list[str]:
    """``values`` of one year (a conflict, a revision) in ``unit``, all to the most decimals any was published
    with (:func:`decimals_of`): ``2.00 %`` beside ``2.02 %``, ``245.80 亿元`` beside ``310.78 亿元``.

    >>> format_published([2.76, 2.52], "%", "en"), format_published([245.8, 310.78], "亿元", "en")
    (['2.76\xa0%', '2.52\xa0%'], ['245.80\xa0hundred million yuan', '310.78\xa0hundred million yuan'])
    """
    decimals = decimals_of(values)
    return [format_value(value, unit, language, decimals) for value in values]


def format_difference(x: float | None, unit: str | None = None, language: str = "zh", decimals: int | None = None,
                      with_unit: bool = True) -> str:
    """A difference of two levels (a gap to a target), with its sign, as :func:`format_value` shows the levels.

    The difference of two shares in % is in percentage points (:data:`DIFFERENCE_UNITS`):
    3.08 % - 3.00 % is ``+0.08 个百分点`` (``+0.08 pp``), never ``+0.08 %``.  A difference that
    rounds to zero has no sign.
    """
    text = format_value(x, DIFFERENCE_UNITS.get(unit or "", unit), language, decimals, with_unit)
    number = text.partition(NBSP)[0]
    return f"+{text}" if not is_missing(x) and x > 0 and any(c in "123456789" for c in number) else text


def format_percent(rate: float | None, decimals: int = 1) -> str:
    """A share given as a fraction, in percent with one decimal: 0.1234 -> ``12.3 %``."""
    return MISSING if is_missing(rate) else f"{format_number(100 * float(rate), decimals)}{NBSP}%"


def format_rate(rate: float | None, language: str = "zh", bound: str | None = None) -> str:
    """A growth rate given in percent a year, with one decimal: 4.31 -> ``4.3 %/年`` (``%/yr``).

    ``bound`` says the rate is only a bound (:func:`~sjzforecast.answer.growth_bound`): ``"upper"`` reads
    ``至多 4.3 %/年`` (``at most``), ``"lower"`` ``至少`` (``at least``), ``"unknown"`` a dash.
    """
    if is_missing(rate):
        return MISSING
    return bounded(f"{format_number(rate, 1)}{NBSP}{t('rate_unit', language)}", language, bound)


def bounded(text: str, language: str, bound: str | None = None) -> str:
    """A number's ``text`` read as the bound it is: ``"upper"`` ``至多 4.3 %/年`` (``at most``), ``"lower"``
    ``至少`` (``at least``), ``"unknown"`` a dash; as it is where it is exact (None) or missing."""
    if bound == "unknown":
        return MISSING
    key = RATE_BOUND_KEYS.get(bound)
    return t(key, language, value=text) if key and text != MISSING else text


def format_probability(p: float | None, language: str = "zh", bound: str | None = None) -> str:
    """A probability (or a share) in whole percent: 0.637 -> ``64 %``; ``bound`` reads it as one
    (:func:`bounded`): ``至少 64 %`` (``at least``)."""
    return bounded(format_percent(p, 0), language, bound)


def format_probability_range(low: float | None, high: float | None) -> str:
    """A range of probabilities in whole percent: 0.41, 0.52 -> ``41–52 %``; a dash where there is none."""
    return MISSING if is_missing(low) else f"{format_number(100 * float(low))}–{format_probability(high)}"


def format_p_meet(p: float | None, language: str, lower_bound: bool | None = False) -> str:
    """P(meet) as :func:`format_probability`; None (or NaN) beside a latest value published as a lower bound
    (``lower_bound``) is the probability that bound leaves unknown, and says so (not ``—``)."""
    return t("p_meet_unknown", language) if is_missing(p) and lower_bound else format_probability(p)


def format_estimate(x: float | None, digits: int = 3) -> str:
    """A model parameter to ``digits`` significant digits (shown inside ``<code>``)."""
    return MISSING if is_missing(x) else f"{float(x):.{digits}g}"


def year_ranges(years) -> str:
    """``[2011, 2012, 2013, 2015]`` -> ``"2011–2013, 2015"``."""
    years = sorted(set(int(y) for y in years))
    out, start = [], None
    for i, y in enumerate(years):
        start = y if start is None else start
        if i + 1 == len(years) or years[i + 1] != y + 1:
            out.append(str(y) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(out)
