"""Transformations with automatic back-transform: identity, log, scaled logit.

Models work on ``z = f(y)``; simulated paths are mapped back with ``f^{-1}``, so quantile
intervals respect the bounds of ``y`` (positive for ``log``, inside ``(0, ceiling)`` for
``logit``).

.. math:: \\mathrm{log}: z = \\ln y, \\qquad
          \\mathrm{logit}: z = \\ln \\frac{y}{K - y}, \\; y = \\frac{K}{1 + e^{-z}}

References
----------
Hyndman, R.J. & Athanasopoulos, G. (2021) *Forecasting: principles and practice*, 3rd ed.,
sec. 5.6 (transformations) and 13.3 (forecasts constrained to an interval).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import SjzforecastError, did_you_mean

TRANSFORMS = ("auto", "none", "log", "logit")


@dataclass(frozen=True)
class Transform:
    """A named, invertible map ``z = forward(y)``; ``ceiling`` only for ``logit``."""

    name: str
    ceiling: float | None = None

    def forward(self, y: np.ndarray) -> np.ndarray:
        if self.name == "log":
            return np.log(y)
        if self.name == "logit":
            return np.log(y / (self.ceiling - y))
        return np.asarray(y, dtype=float)

    def inverse(self, z: np.ndarray) -> np.ndarray:
        if self.name == "log":
            return np.exp(z)
        if self.name == "logit":
            return self.ceiling / (1.0 + np.exp(-z))
        return z

    def log_jacobian(self, y: np.ndarray) -> float:
        """:math:`\\sum \\ln |dz/dy|`, to compare likelihoods across transforms."""
        if self.name == "log":
            return float(-np.sum(np.log(y)))
        if self.name == "logit":
            return float(np.sum(np.log(self.ceiling / (y * (self.ceiling - y)))))
        return 0.0


def choose_transform(name: str, values: np.ndarray, ceiling: float | None = None,
                     model: str = "model", years: np.ndarray | None = None) -> Transform:
    """Resolve ``name`` against the data and check the data fit the transform's domain.

    ``auto`` is ``logit`` when a ceiling is given, else ``log``: the indicators are positive
    levels whose growth is proportional.  The zero rule: a constant series of zero or negative
    values (e.g. all zero) has no growth to model and is taken on its level scale (``none``);
    any other series with a zero or negative value is refused, naming the years, because
    moving it to the level scale would change the model's meaning (linear instead of
    compound growth) without saying so.  Pass ``name="none"`` to choose the level scale
    explicitly.

    Parameters
    ----------
    years : array, optional
        The years of ``values``, to name the years of values outside the domain.

    Raises
    ------
    SjzforecastError
        Unknown name; zero or negative values for ``log`` or ``logit`` (naming the years);
        ``logit`` without a ceiling, or a ceiling not above every value.
    """
    if name not in TRANSFORMS:
        raise SjzforecastError(f"transform must be one of {TRANSFORMS}, got {name!r}{did_you_mean(name, TRANSFORMS)}")
    y = np.asarray(values, dtype=float)
    if name == "auto":
        name = "logit" if ceiling is not None else ("none" if np.ptp(y) == 0 and np.any(y <= 0) else "log")
    if name in ("log", "logit") and np.any(y <= 0):
        named = ", ".join(f"{y[i]:g}" + (f" in {int(years[i])}" if years is not None else "")
                          for i in np.flatnonzero(y <= 0))
        raise SjzforecastError(
            f"model {model!r} with a {name} transform needs positive values; got {named}. Correct or remove "
            "those years, or choose the level scale explicitly (transform='none', or the model 'linear')")
    if name == "logit":
        if ceiling is None:
            raise SjzforecastError(f"model {model!r} with a logit transform needs a ceiling (e.g. 100 for a percentage)")
        if not np.isfinite(ceiling) or ceiling <= y.max():
            raise SjzforecastError(f"ceiling {ceiling!r} is not above the data (max {y.max():g}) for model {model!r}")
        return Transform("logit", float(ceiling))
    return Transform(name)
