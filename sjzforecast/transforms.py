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
                     model: str = "model") -> Transform:
    """Resolve ``name`` against the data and check the data fit the transform's domain.

    ``auto`` is ``logit`` when a ceiling is given, else ``log`` for all-positive data, else
    ``none``.

    Raises
    ------
    ValueError
        Unknown name; non-positive values for ``log`` or ``logit``; ``logit`` without a
        ceiling, or a ceiling not above every value.
    """
    if name not in TRANSFORMS:
        raise ValueError(f"transform must be one of {TRANSFORMS}, got {name!r}")
    y = np.asarray(values, dtype=float)
    if name == "auto":
        name = "logit" if ceiling is not None else ("log" if np.all(y > 0) else "none")
    if name in ("log", "logit") and np.any(y <= 0):
        raise ValueError(f"model {model!r} with a {name} transform needs positive values, got {y[y <= 0].tolist()}")
    if name == "logit":
        if ceiling is None:
            raise ValueError(f"model {model!r} with a logit transform needs a ceiling (e.g. 100 for a percentage)")
        if not np.isfinite(ceiling) or ceiling <= y.max():
            raise ValueError(f"ceiling {ceiling!r} is not above the data (max {y.max():g}) for model {model!r}")
        return Transform("logit", float(ceiling))
    return Transform(name)
