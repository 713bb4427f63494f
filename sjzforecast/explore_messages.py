"""What the explorer says about input it cannot compute, in the view's language.

:class:`~sjzforecast.question.Question` refuses bad input with a
:class:`~sjzforecast.question.FieldError` (``key = value: problem``, in English, for logs and the
command line).  :func:`explain` turns it into a sentence in the explorer's language that names the
control, the value and what would be valid, from the error's ``key`` and ``value`` and the data
(the last observed year, the indicators a region has).  An error it has no sentence for is
named by its control, with the library's message quoted (``lang="en"`` in a Chinese view).
"""
from __future__ import annotations

import html

import pandas as pd

from .i18n import indicator_label, join_list, region_name, scenario_label, translate
from .question import LAST_YEAR, MAX_YEARS_AHEAD, MIN_POINTS, FieldError
from .scenarios import RATIO_INDICATORS, SCENARIOS
from .series import select_series

#: Sentences of the explorer's messages, ``{"key": {"zh": ..., "en": ...}}``.
MESSAGES = {
    "cannot_show": {"zh": "无法计算", "en": "Cannot compute this scenario"},
    "no_region": {"zh": "没有地区“{region}”的观测数据；请在“地区”中选择：{choices}。",
                  "en": "There are no observations for the region “{region}”; choose one of: {choices}."},
    "no_indicator": {"zh": "{region}没有指标“{indicator}”的观测数据；请在“指标”中选择该地区的 {n} 个指标之一。",
                     "en": "{region} has no observations of the indicator “{indicator}”; choose one of its {n} "
                           "indicators under Indicator."},
    "no_indicators": {"zh": "{region}没有至少 {min_points} 年观测的指标，无法预测；请选择其他地区。",
                      "en": "{region} has no indicator observed in at least {min_points} years to forecast; "
                            "choose another region."},
    "too_few_points": {"zh": "{region}的“{indicator}”只有 {n} 年的观测（{years}），预测至少需要 {min_points} 年。",
                       "en": "{indicator} of {region} has {n} observed year(s) ({years}); a forecast needs at least "
                             "{min_points}."},
    "year_before_data": {"zh": "目标年份 {year} 早于最新观测年份 {last}；请选择 {last}–{latest} 年。",
                         "en": "The target year {year} is before the latest observation ({last}); choose a year "
                               "from {last} to {latest}."},
    "year_too_late": {"zh": "年份 {year} 太远：最多可选 {latest} 年（最新观测 {last} 年之后 {ahead} 年以内）。",
                      "en": "The year {year} is too far ahead: choose at most {latest} (within {ahead} years of the "
                            "latest observation, {last})."},
    "no_plan_target": {"zh": "{region}没有“{indicator}”的规划目标；请在“目标”中输入目标值。",
                       "en": "{region} has no plan target for {indicator}; enter a level under Target."},
    "target_value": {"zh": "目标值 {value} 不是有限数值；请输入一个数。",
                     "en": "The target {value} is not a finite number; enter a number."},
    "rate": {"zh": "“{control}”为 {value} %，须大于 -100 %。",
             "en": "{control} is {value} %; it must be above -100 %."},
    "levels_count": {"zh": "请选择 1 至 {most} 个置信水平（已选 {n} 个）。",
                     "en": "Choose 1 to {most} confidence levels ({n} chosen)."},
    "levels": {"zh": "置信水平 {value} 无效：须为 0 到 100 之间互不相同的百分数。",
               "en": "The confidence levels {value} are not valid: give distinct percentages between 0 and 100."},
    "no_model": {"zh": "没有名为“{value}”的模型；可选：{choices}。",
                 "en": "There is no model named “{value}”; choose one of: {choices}."},
    "no_scenario": {"zh": "没有名为“{value}”的情景；可选：{choices}。",
                    "en": "There is no scenario named “{value}”; choose one of: {choices}."},
    "drivers_not_ratio": {"zh": "驱动因素情景只适用于比率指标（{indicators}）。",
                          "en": "The drivers scenario applies only to ratio indicators ({indicators})."},
    "target_path_observed": {"zh": "目标年份 {year} 已有观测，没有通往它的目标路径；请选择更晚的年份。",
                             "en": "The target year {year} is observed: there is no path to it; choose a later year."},
    "other": {"zh": "“{control}”的值 {value} 无法计算。程序的说明：", "en": "{control} = {value} cannot be computed: "},
    "unexpected": {"zh": "程序的说明（{kind}）：", "en": "{kind}: "},
}

#: Explorer controls that name a question field in its messages (labels of :data:`sjzforecast.explore.LABELS`
#: or :data:`sjzforecast.i18n.TRANSLATIONS`).
CONTROLS = {"target_year": "year", "end_year": "year", "target_value": "target"}
#: Regions listed in a message, at most.
LIST_AT_MOST = 8


def message(key: str, language: str, **fields) -> str:
    """The sentence ``key`` of :data:`MESSAGES` in ``language`` with ``fields`` filled in (not escaped)."""
    return translate(MESSAGES, key, language, **fields)


def explain(error: Exception, state, observations: pd.DataFrame) -> str:
    """``error``, raised for the explorer's ``state``, as an HTML sentence in ``state.language``.

    Parameters
    ----------
    error : Exception
        What building or answering the question raised.
    state : sjzforecast.explore.ExploreState
        The controls' values.
    observations : DataFrame
        The data the question was checked against.

    Returns
    -------
    str
        HTML-escaped text; the library's own English message, where quoted, is marked ``lang="en"``.
    """
    language = state.language
    sentence = _field_sentence(error, state, observations) if isinstance(error, FieldError) else None
    if sentence is not None:
        return html.escape(sentence, quote=False)
    if isinstance(error, FieldError):
        intro = message("other", language, control=_control(error.key, language), value=error.value)
        detail = error.problem
    else:
        intro, detail = message("unexpected", language, kind=type(error).__name__), str(error)
    quoted = html.escape(detail, quote=False)
    return html.escape(intro, quote=False) + (quoted if language == "en" else f'<q lang="en">{quoted}</q>')


def _control(key: str, language: str) -> str:
    """The name of the control that sets the field ``key`` (:func:`sjzforecast.explore.label`); the key
    itself where no control is named."""
    from .explore import label

    try:
        return label(CONTROLS.get(key, key), language)
    except KeyError:
        return key


def _field_sentence(error: FieldError, state, observations: pd.DataFrame) -> str | None:
    """The sentence for one field's error, or None where there is none."""
    from .explore import MAX_LEVELS, indicator_choices, model_choices, region_choices

    language, key, value = state.language, error.key, error.value
    region, indicator = region_name(state.region, language), indicator_label(state.indicator, language)
    if key == "region":
        regions = region_choices(observations)
        return message("no_region", language, region=value,
                       choices=join_list([region_name(r, language) for r in regions[:LIST_AT_MOST]]
                                         + (["…"] if len(regions) > LIST_AT_MOST else []), language))
    if key == "indicator":
        series = _series(observations, state)
        if series is not None and len(series) < MIN_POINTS:
            return message("too_few_points", language, region=region, indicator=indicator, n=len(series),
                           years=join_list(series.index.astype(int), language), min_points=MIN_POINTS)
        n = len(indicator_choices(observations, state.region))
        if not n:
            return message("no_indicators", language, region=region, min_points=MIN_POINTS)
        return message("no_indicator", language, region=region, indicator=indicator, n=n)
    if key in ("target_year", "end_year"):
        series = _series(observations, state)
        if series is None:
            return None
        last = int(series.index[-1])
        latest = min(last + MAX_YEARS_AHEAD, LAST_YEAR)
        if value < last:
            return message("year_before_data", language, year=value, last=last, latest=latest)
        return message("year_too_late", language, year=value, last=last, latest=latest, ahead=MAX_YEARS_AHEAD)
    if key == "target_value":
        if value is None:
            return message("no_plan_target", language, region=region, indicator=indicator)
        return message("target_value", language, value=value)
    if key in ("growth_rate", "rd_growth", "gdp_growth") and isinstance(value, (int, float)) and value <= -100:
        return message("rate", language, control=_control(key, language), value=f"{value:g}")
    if key == "levels":
        if not value or len(value) > MAX_LEVELS:
            return message("levels_count", language, most=MAX_LEVELS, n=len(value))
        return message("levels", language, value=join_list(value, language))
    if key == "model" and value not in model_choices():
        return message("no_model", language, value=value, choices=join_list(model_choices(), language))
    if key == "scenario":
        if value not in SCENARIOS:
            return message("no_scenario", language, value=value,
                           choices=join_list([scenario_label(s, language) for s in SCENARIOS], language))
        if value == "drivers" and state.indicator not in RATIO_INDICATORS:
            return message("drivers_not_ratio", language,
                           indicators=join_list([indicator_label(i, language) for i in RATIO_INDICATORS], language))
        if value == "target_path":
            return message("target_path_observed", language, year=state.target_year)
    return None


def _series(observations: pd.DataFrame, state) -> pd.Series | None:
    """The state's series, or None where the region has no such indicator."""
    try:
        return select_series(observations, state.region, state.indicator).series
    except ValueError:
        return None
