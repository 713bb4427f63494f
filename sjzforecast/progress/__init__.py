"""Assess progress toward a target by several published methods, side by side.

>>> y = pd.Series([1.83, 2.13, 2.76], index=[2015, 2020, 2023])
>>> assess(y, 3.0, 2025, base_year=2020).category
'on_track'

Methods (:data:`METHODS`): ``opensdg`` (Statistics Canada / Open SDG), ``eurostat``,
``unsd2022`` and ``unsd2023`` (the UN Statistics Division progress chart's growth-ratio and
extrapolation editions; ``unsd`` is an alias of ``unsd2023``), ``escap`` (ESCAP's anticipated
progress index) and ``probability`` (simulated paths).  They disagree by design:
:func:`assess_all` shows them side by side and :func:`assess_variants` reruns them on every
variant of a series whose sources conflict.  :func:`format_reason` says why, in Chinese or English.
"""
from __future__ import annotations

import pandas as pd  # noqa: F401  (doctest)

from .assessment import CATEGORIES, Assessment
from .escap import assess_escap
from .probability import VERBAL_SCALE, assess_probability, verbal_probability
from .reasons import REASONS, format_reason
from .registry import LEAD_METHOD, METHODS, assess, assess_all, get_method
from .rules import assess_eurostat, assess_opensdg
from .unsd import assess_unsd2022, assess_unsd2023
from .targets import VariantComparison, assess_target, assess_variants, target_arguments, target_level

__all__ = [
    "CATEGORIES", "LEAD_METHOD", "METHODS", "REASONS", "VERBAL_SCALE", "Assessment", "VariantComparison", "assess", "assess_all",
    "assess_escap", "assess_eurostat", "assess_opensdg", "assess_probability", "assess_target", "assess_unsd2022",
    "assess_unsd2023", "assess_variants", "format_reason", "get_method", "target_arguments", "target_level",
    "verbal_probability",
]
