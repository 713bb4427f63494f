"""Assess progress toward a target by several published methods, side by side.

>>> y = pd.Series([1.83, 2.13, 2.76], index=[2015, 2020, 2023])
>>> assess(y, 3.0, 2025, base_year=2020).category
'on_track'

Methods (:data:`METHODS`): ``opensdg`` (Statistics Canada / Open SDG), ``eurostat``,
``unsd`` (UN progress chart) and ``probability`` (simulated paths).  They disagree by design;
:func:`assess_all` shows them side by side and :func:`assess_variants` reruns them on every
variant of a series whose sources conflict.
"""
from __future__ import annotations

import pandas as pd  # noqa: F401  (doctest)

from .assessment import CATEGORIES, Assessment
from .probability import VERBAL_SCALE, assess_probability, verbal_probability
from .registry import METHODS, assess, assess_all, get_method
from .rules import assess_eurostat, assess_opensdg, assess_unsd
from .targets import VariantComparison, assess_target, assess_variants, target_arguments, target_level

__all__ = [
    "CATEGORIES", "METHODS", "VERBAL_SCALE", "Assessment", "VariantComparison", "assess", "assess_all",
    "assess_eurostat", "assess_opensdg", "assess_probability", "assess_target", "assess_unsd", "assess_variants",
    "get_method", "target_arguments", "target_level", "verbal_probability",
]
