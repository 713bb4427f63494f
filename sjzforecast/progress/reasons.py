"""Why an assessment came out as it did, in Chinese or English, from one template table.

Every :class:`~sjzforecast.progress.Assessment` carries a ``reason_code`` (a key of
:data:`REASONS`) and ``reason_values`` (the numbers and years the reason quotes).  Its English
``reason`` is rendered from the same table, so the two languages never drift apart.

>>> reason = render_reason("target_met", {"last_value": 3.04, "last_year": 2024, "target_value": 3.0}, "en", "%")
>>> reason.replace("\\xa0", " ")  # a no-break space keeps each number with its unit
'latest value 3.04 % (2024) meets the target 3.00 %'
"""
from __future__ import annotations

import math
import string
from collections.abc import Mapping

from ..errors import SjzforecastError, did_you_mean

LANGUAGES = ("zh", "en")

#: Reason code -> template per language.  Placeholders are keys of ``reason_values``.
REASONS = {
    "no_observations": {
        "en": "no observations of this indicator",
        "zh": "该指标没有观测值"},
    "too_few_observations": {
        "en": "at least two observations are needed, got {count}",
        "zh": "至少需要两个观测值，现有 {count} 个"},
    "no_base_pair": {
        "en": "no two observations from base year {base_year} on (data: {first_year}-{last_year})",
        "zh": "基期{base_year}年起不足两个观测值（数据{first_year}—{last_year}年）"},
    "base_is_latest": {
        "en": "base year {base_year} is the latest observation: no growth to measure",
        "zh": "基期{base_year}年即最新观测，无法计算增长"},
    "mixed_signs": {
        "en": "values of both signs from {base_year} to {last_year}: growth rates need all values positive "
              "or all negative",
        "zh": "{base_year}—{last_year}年数值有正有负，无法计算增长率（须同为正或同为负）"},
    "zero_base": {
        "en": "a growth rate cannot start from the zero value of {base_year}",
        "zh": "{base_year}年数值为零，无法计算增长率"},
    "target_sign": {
        "en": "target {target_value} and base value {base_value} have opposite signs: no required growth rate",
        "zh": "目标 {target_value} 与基期值 {base_value} 符号相反，无法计算所需增长率"},
    "target_not_after_base": {
        "en": "target year {target_year} is not after the base year {base_year}",
        "zh": "目标年{target_year}年不晚于基期{base_year}年"},
    "needs_target": {
        "en": "this method needs a quantified target",
        "zh": "该方法需要量化目标"},
    "short_period": {
        "en": "only {years} years of data ({base_year}-{last_year}); a trend needs at least {minimum}",
        "zh": "仅有 {years} 年数据（{base_year}—{last_year}年），趋势评估至少需要 {minimum} 年"},
    "model_failed": {
        "en": "no simulated paths: the model cannot fit the series",
        "zh": "模型无法拟合该序列，没有模拟路径"},
    "target_met": {
        "en": "latest value {last_value} ({last_year}) meets the target {target_value}",
        "zh": "最新值 {last_value}（{last_year}年）已达到目标 {target_value}"},
    "near_limit": {
        "en": "latest value {last_value} ({last_year}) is within {tolerance} of the target {target_value}: "
              "counted as met",
        "zh": "最新值 {last_value}（{last_year}年）与目标 {target_value} 相差不超过 {tolerance}，视为已达标"},
    "growth_ratio": {
        "en": "growth {actual_growth} against {required_growth} required: ratio {ratio}",
        "zh": "实际增速 {actual_growth}，所需增速 {required_growth}，比值 {ratio}"},
    "growth_no_target": {
        "en": "growth {growth} in the desired direction",
        "zh": "期望方向上的增速为 {growth}"},
    "extrapolated": {
        "en": "at the current pace {extrapolated_value} in {target_year} against the target {target_value}: "
              "CR {ratio}",
        "zh": "按当前速度{target_year}年将达 {extrapolated_value}，目标 {target_value}，CR 为 {ratio}"},
    "anticipated": {
        "en": "weighted trend reaches {extrapolated_value} in {target_year} against the target {target_value}: "
              "anticipated progress index {ratio}, current status index {current_status}",
        "zh": "加权趋势{target_year}年将达 {extrapolated_value}，目标 {target_value}："
              "预期进展指数 {ratio}，当前状态指数 {current_status}"},
    "probability": {
        "en": "P(target met in {target_year}) = {probability} over {count} paths",
        "zh": "{target_year}年达标概率 {probability}（{count} 条模拟路径）"},
    "target_missed_observed": {
        "en": "the {target_year} observation {last_value} misses the target {target_value}",
        "zh": "{target_year}年观测值 {last_value} 未达到目标 {target_value}"},
    "lower_bound_observed": {
        "en": "the {last_year} observation is a lower bound ({last_value}): whether it meets the target "
              "{target_value} is not known",
        "zh": "{last_year}年观测值仅为下限（{last_value}），无法判断是否达到目标 {target_value}"},
    "lower_bound_latest": {
        "en": "the {last_year} observation is a lower bound ({last_value}) short of this method's top grade: "
              "the true value, larger, could grade otherwise, so the grade is not known",
        "zh": "{last_year}年观测值仅为下限（{last_value}），未达到该方法的最高等级；实际值更大，等级可能不同，"
              "故无法评估"},
}


def _level(value: float, unit: str, decimals: int | None = None) -> str:
    """``decimals`` decimals (the precision of the data), else at least three significant digits;
    thousands separators, never scientific notation; the unit joined by a no-break space, as
    :func:`sjzforecast.formats.format_value` joins it."""
    from ..formats import NBSP, format_number

    if decimals is None:
        digits = 0 if value == 0 else max(0, 2 - math.floor(math.log10(abs(value))))
        number = f"{value:,.{min(digits, 6)}f}"
    else:
        number = format_number(value, decimals)
    return f"{number}{NBSP}{unit}" if unit else number


def format_value(key: str, value, language: str = "en", unit: str = "", decimals: int | None = None) -> str:
    """One reason value as text: the key's suffix says what it is.

    ``*_year``, ``count``, ``years``, ``minimum``: whole numbers; ``*growth``: a rate to one
    decimal with ``%/yr`` (``%/年``) and ``probability`` a whole percentage, both by
    :mod:`sjzforecast.formats`; ``ratio`` and
    ``current_status``: two decimals; anything else (``*_value``, ``tolerance``): a level
    with ``unit``, with ``decimals`` decimals where given (the page's precision of the data).
    ``count`` has thousands separators (``10,000`` paths).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    from ..formats import format_number, format_probability, format_rate  # the page's one format per kind

    if key.endswith("year") or key in ("years", "minimum"):
        return str(int(value))
    if key == "count":
        return format_number(value, 0)

    if key.endswith("growth"):
        return format_rate(100 * value, language)
    if key == "probability":
        return format_probability(value)
    if key in ("ratio", "current_status"):
        return f"{value:.2f}"
    return _level(float(value), unit, decimals)


def render_reason(code: str, values: dict, language: str = "en", unit: str = "", decimals: int | None = None,
                  lower_bound_years=()) -> str:
    """The template of ``code`` in ``language`` filled with ``values`` formatted by :func:`format_value`;
    a ``last_value`` of a year in ``lower_bound_years`` (published as a lower bound) reads as one, as the
    tables show it ("超过 15,000 家", "over 15,000 units").

    Raises
    ------
    SjzforecastError
        An unknown language or reason code, or a value the template needs but ``values`` lacks.
    """
    if language not in LANGUAGES:
        raise SjzforecastError(f"language must be one of {list(LANGUAGES)}, got {language!r}"
                               f"{did_you_mean(language, LANGUAGES)}")
    if code not in REASONS:
        raise SjzforecastError(f"no reason code {code!r}; known: {sorted(REASONS)}{did_you_mean(code, REASONS)}")
    template = REASONS[code][language]
    needed = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    missing = sorted(set(needed) - set(values))
    if missing:
        raise SjzforecastError(f"reason {code!r} needs the values {missing}; got {sorted(values)}")
    from ..i18n import t  # the tables' wording of a lower bound

    shown = {name: format_value(name, values[name], language, unit, decimals) for name in needed}
    if "last_value" in shown and values.get("last_year") in lower_bound_years:
        shown["last_value"] = t("lower_bound_value", language, value=shown["last_value"])
    return template.format(**shown)


def format_reason(assessment, language: str = "zh", unit: str = "", decimals: int | None = None,
                  lower_bound_years=()) -> str:
    """Why ``assessment`` has its category, in ``language`` (``zh`` or ``en``); levels carry ``unit``
    and, where given, ``decimals`` decimals (the precision the page shows the data with); a latest value
    of a year in ``lower_bound_years`` reads as a lower bound (:func:`render_reason`).

    ``assessment`` is an :class:`~sjzforecast.progress.Assessment`, a row of
    :func:`~sjzforecast.progress.assess_all` or its ``to_dict()``.  One without a reason code
    (built outside this package) gives its English ``reason``.
    """
    field = assessment.get if isinstance(assessment, Mapping) else lambda name: getattr(assessment, name, None)
    if not field("reason_code"):
        return field("reason") or ""
    return render_reason(field("reason_code"), field("reason_values"), language, unit, decimals, lower_bound_years)
