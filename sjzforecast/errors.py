"""The package's root exception.

Every error about the user's input (a data file, a targets file, a params file, an argument of
the forecast API) is a :class:`SjzforecastError`. It subclasses :class:`ValueError`, so code
that catches ``ValueError`` keeps working; the command line prints it as one line, without a
traceback (``-v`` shows the traceback).
"""
from __future__ import annotations


class SjzforecastError(ValueError):
    """Bad input: the message names the file, line, key or value at fault and what is valid."""
