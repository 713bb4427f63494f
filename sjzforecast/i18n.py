"""Every word a briefing shows, in Chinese and English, from one table.

``t(key, language)`` looks a label up; ``verbal_probability(p)`` maps a probability to the
fixed verbal scale used in all briefings (after the IPCC likelihood scale):

==========================  ============  ==================
probability                 key           zh
==========================  ============  ==================
p >= 90 %                   very_likely   很可能
66 % <= p < 90 %            likely        可能
33 % <= p < 66 %            about_even    可能性约一半
10 % <= p < 33 %            unlikely      不太可能
p < 10 %                    very_unlikely 很不可能
==========================  ============  ==================
"""
from __future__ import annotations

LANGUAGES = ("zh", "en")

#: Assessment categories (see ``sjzforecast.progress``), best first.
CATEGORIES = ("target_achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration",
              "not_assessable")

#: (lower bound, key), checked from the top.
PROBABILITY_SCALE = ((0.90, "very_likely"), (0.66, "likely"), (0.33, "about_even"),
                     (0.10, "unlikely"), (0.0, "very_unlikely"))

TRANSLATIONS: dict[str, dict[str, str]] = {
    # probability phrases
    "very_likely": {"zh": "很可能", "en": "very likely"},
    "likely": {"zh": "可能", "en": "likely"},
    "about_even": {"zh": "可能性约一半", "en": "about as likely as not"},
    "unlikely": {"zh": "不太可能", "en": "unlikely"},
    "very_unlikely": {"zh": "很不可能", "en": "very unlikely"},
    # assessment categories
    "target_achieved": {"zh": "已达标", "en": "target achieved"},
    "on_track": {"zh": "进展顺利", "en": "on track"},
    "acceleration_needed": {"zh": "需要加速", "en": "acceleration needed"},
    "limited_progress": {"zh": "进展有限", "en": "limited progress"},
    "deterioration": {"zh": "出现倒退", "en": "deterioration"},
    "not_assessable": {"zh": "无法评估", "en": "not assessable"},
    # headings and labels
    "briefing": {"zh": "指标简报", "en": "Indicator briefing"},
    "index_title": {"zh": "科技规划指标简报", "en": "S&T plan indicator briefings"},
    "probability_of_meeting": {"zh": "达标概率", "en": "Probability of meeting the target"},
    "target": {"zh": "目标", "en": "Target"},
    "target_path": {"zh": "目标路径", "en": "Target path"},
    "observed": {"zh": "观测值", "en": "Observed"},
    "forecast": {"zh": "预测（中位数）", "en": "Forecast (median)"},
    "band": {"zh": "预测区间", "en": "Forecast interval"},
    "year": {"zh": "年份", "en": "Year"},
    "lower": {"zh": "下限", "en": "lower"},
    "upper": {"zh": "上限", "en": "upper"},
    "p_reached": {"zh": "已达到目标的概率", "en": "P(target reached)"},
    "first_passage": {"zh": "截至各年份已达到目标的概率", "en": "Probability that the target has been reached by each year"},
    "scenario_comparison": {"zh": "情景比较", "en": "Scenario comparison"},
    "dashboard": {"zh": "指标总览", "en": "Indicator dashboard"},
    "category": {"zh": "评估类别", "en": "Category"},
    "assumed_growth": {"zh": "假定年均增速", "en": "Assumed annual growth"},
    "growth_path": {"zh": "按假定增速的路径（可拖动滑块）", "en": "Path at an assumed growth rate (move the slider)"},
    "value": {"zh": "数值", "en": "Value"},
    "source": {"zh": "来源", "en": "Source"},
    "quote": {"zh": "原文", "en": "Quote"},
    "derived": {"zh": "推算/备注", "en": "Derivation / note"},
    "used": {"zh": "采用", "en": "Used"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "data_used": {"zh": "所用数据及来源", "en": "Data used and their sources"},
    "forecast_table": {"zh": "预测", "en": "Forecast"},
    "methods": {"zh": "方法说明", "en": "Methods"},
    "run_metadata": {"zh": "运行信息", "en": "Run metadata"},
    "conflicts": {"zh": "数据冲突", "en": "Conflicting sources"},
    "conflict_line": {"zh": "{year}年有多个数值：采用 {chosen}，另有 {alternatives}",
                      "en": "{year}: several values published; {chosen} used, also {alternatives}"},
    "latest": {"zh": "最新观测", "en": "Latest observation"},
    "required_growth": {"zh": "达标所需年均增速", "en": "Required annual growth"},
    "recent_growth": {"zh": "近期年均增速", "en": "Recent annual growth"},
    "headline": {"zh": "按当前趋势，{year}年达到{level}{unit}的概率为 {p}（{phrase}）。",
                 "en": "On current trends, the probability of reaching {level} {unit} in {year} is {p} ({phrase})."},
    "headline_observed": {"zh": "{year}年已有观测值 {value}{unit}：{verdict}。",
                          "en": "{year} is already observed at {value} {unit}: {verdict}."},
    "met": {"zh": "已达标", "en": "target met"},
    "not_met": {"zh": "未达标", "en": "target not met"},
    "model": {"zh": "模型", "en": "Model"},
    "parameters": {"zh": "参数", "en": "Parameters"},
    "scenario": {"zh": "情景", "en": "Scenario"},
    "region": {"zh": "地区", "en": "Region"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "status": {"zh": "状态", "en": "Status"},
    "ok": {"zh": "完成", "en": "ok"},
    "failed": {"zh": "失败", "en": "failed"},
    "last_data_year": {"zh": "最新数据年份", "en": "Last data year"},
    "notebook": {"zh": "笔记本", "en": "Notebook"},
    "filter": {"zh": "筛选", "en": "Filter"},
    "filter_placeholder": {"zh": "地区、指标、情景……", "en": "region, indicator, scenario…"},
    "all": {"zh": "全部", "en": "all"},
    "runs_summary": {"zh": "共 {total} 次运行，{failed} 次失败", "en": "{total} runs, {failed} failed"},
    "error": {"zh": "错误", "en": "Error"},
    # scenario names: key "scenario_<name>"
    "scenario_bau": {"zh": "基准情景（延续趋势）", "en": "Business as usual"},
    "scenario_target_path": {"zh": "目标路径情景", "en": "Target path"},
    "scenario_high": {"zh": "高情景", "en": "High"},
    "scenario_low": {"zh": "低情景", "en": "Low"},
    "scenario_growth": {"zh": "设定增速情景", "en": "Assumed growth"},
    "scenario_drivers": {"zh": "驱动因素情景", "en": "Drivers"},
    "assessment_text": {"zh": "评估类别按 {method} 方法判定：{category}。",
                        "en": "The category is assessed with the {method} method: {category}."},
    "assessment_missing": {"zh": "未评估类别（{reason}）。", "en": "No category was assessed ({reason})."},
    "term": {"zh": "参数项", "en": "Term"},
    "estimate": {"zh": "估计值", "en": "Estimate"},
    "std_error": {"zh": "标准误", "en": "Std. error"},
    "interval_bound": {"zh": "{level}%区间{bound}", "en": "{level} % {bound}"},
    # run metadata: key "meta_<name>"
    "meta_params_file": {"zh": "参数文件", "en": "Params file"},
    "meta_notebook": {"zh": "笔记本", "en": "Notebook"},
    "meta_parameters": {"zh": "运行参数", "en": "Parameters"},
    "meta_observations_sha256": {"zh": "观测数据文件 SHA-256", "en": "Observations file SHA-256"},
    "meta_targets_sha256": {"zh": "目标数据文件 SHA-256", "en": "Targets file SHA-256"},
    "meta_sjzforecast": {"zh": "sjzforecast 版本", "en": "sjzforecast version"},
    "meta_python": {"zh": "Python 版本", "en": "Python version"},
    "meta_seed": {"zh": "随机种子", "en": "Random seed"},
    "meta_seconds": {"zh": "运行时长（秒）", "en": "Duration (s)"},
    "meta_generated": {"zh": "生成时间", "en": "Generated"},
    "methods_text": {
        "zh": "模型 {model}（{transform} 变换）拟合 {n} 个年度观测值（{first}–{last}年，年份可不等距），"
              "模拟 {paths} 条路径；区间为模拟路径的等尾分位数。达标概率为目标年份模拟值达到目标的路径比例。"
              "目标路径为从最新观测值按不变年均增速到达目标值的路径。",
        "en": "Model {model} ({transform} transform) fitted to {n} annual observations ({first}–{last}, years may "
              "be uneven); {paths} simulated paths; intervals are equal-tailed quantiles of the paths. The "
              "probability of meeting the target is the share of paths at or beyond the target in the target "
              "year. The target path grows at a constant rate from the latest observation to the target."},
}

REGION_NAMES_EN = {"石家庄": "Shijiazhuang", "河北": "Hebei", "全国": "China", "北京": "Beijing",
                   "天津": "Tianjin", "保定": "Baoding", "唐山": "Tangshan", "邯郸": "Handan"}


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)}, got {language!r}")
    return language


def t(key: str, language: str = "zh", **fields) -> str:
    """The label ``key`` in ``language``, with ``fields`` filled in."""
    check_language(language)
    try:
        text = TRANSLATIONS[key][language]
    except KeyError:
        raise KeyError(f"no translation for {key!r}") from None
    return text.format(**fields) if fields else text


def verbal_probability(p: float) -> str:
    """Key of the verbal scale for probability ``p`` (see module docstring)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"probability must be in [0, 1], got {p}")
    return next(key for bound, key in PROBABILITY_SCALE if p >= bound)


def region_name(region: str, language: str) -> str:
    return region if language == "zh" else REGION_NAMES_EN.get(region, region)


def category_label(category: str, language: str) -> str:
    """The name of an assessment category (one of :data:`CATEGORIES`) in ``language``."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; known: {list(CATEGORIES)}")
    return t(category, language)


def scenario_label(scenario: str, language: str) -> str:
    """A scenario's name in ``language``; names without a translation are shown as they are."""
    key = f"scenario_{scenario}"
    return t(key, language) if key in TRANSLATIONS else scenario
