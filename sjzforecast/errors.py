"""The package's root exception.

Every error about the user's input (a data file, a targets file, a params file, an argument of
the forecast API) is a :class:`SjzforecastError`. It subclasses :class:`ValueError`, so code
that catches ``ValueError`` keeps working; the command line prints it as one line, without a
traceback (``-v`` shows the traceback).
"""
from __future__ import annotations


class SjzforecastError(ValueError):
    """Bad input: the message names the file, line, key or value at fault and what is valid."""


def did_you_mean(value: object, choices) -> str:
    """A " (did you mean 'x'?)" hint for a misspelled name, or "" when nothing is close.

    Uses :func:`difflib.get_close_matches` (ratio cut-off 0.6) on the string forms.

    >>> did_you_mean("rd_intensty", ["rd_intensity", "gdp"])
    " (did you mean 'rd_intensity'?)"
    >>> did_you_mean("zzz", ["rd_intensity"])
    ''
    """
    import difflib

    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
