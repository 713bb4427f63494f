"""Every word a briefing shows, in Chinese and English, from one table.

``t(key, language)`` looks a label up; ``verbal_probability(p)`` maps a probability to the
fixed verbal scale used in all briefings (after the IPCC likelihood scale):

==================  ======================  ============
probability         key                     zh
==================  ======================  ============
p >= 90 %           very_likely             很可能
66 % <= p < 90 %    likely                  可能
33 % <= p < 66 %    about_as_likely_as_not  可能性约一半
10 % <= p < 33 %    unlikely                不太可能
p < 10 %            very_unlikely           很不可能
==================  ======================  ============
"""
from __future__ import annotations

from .progress.assessment import CATEGORIES  # noqa: F401  (the one list of categories)
from .progress.probability import verbal_probability  # noqa: F401  (the one verbal scale)

LANGUAGES = ("zh", "en")


TRANSLATIONS: dict[str, dict[str, str]] = {
    # probability phrases
    "very_likely": {"zh": "很可能", "en": "very likely"},
    "likely": {"zh": "可能", "en": "likely"},
    "about_as_likely_as_not": {"zh": "可能性约一半", "en": "about as likely as not"},
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
    "progress_by_method": {"zh": "各评估方法的结论", "en": "Progress by assessment method"},
    "progress_methods_note": {
        "zh": "各方法依据各自公开的规则判定，结论可能不同：opensdg（加拿大统计局/Open SDG 进展评估法）、"
              "eurostat（欧盟统计局 SDG 监测法）、unsd（联合国统计司 SDG 进展图法）、probability（模拟路径的达标概率）。",
        "en": "Each method applies its own published rules and they may disagree: opensdg (Statistics Canada / "
              "Open SDG progress status), eurostat (Eurostat SDG monitoring), unsd (UN Statistics Division SDG "
              "progress chart), probability (share of simulated paths that meet the target)."},
    "method": {"zh": "方法", "en": "Method"},
    "method_label": {"zh": "方法原文类别", "en": "Method's own wording"},
    "reason": {"zh": "依据", "en": "Basis"},
    "scenarios": {"zh": "情景", "en": "Scenarios"},
    "meets_target": {"zh": "达标", "en": "Meets target"},
    "dashboard_title": {"zh": "规划指标总览（{year}年）", "en": "Plan dashboard ({year})"},
    "dashboard_intro": {
        "zh": "规划表1全部指标及3.0%研发强度目标：最新值、目标、所需与实际增速、达标概率、各方法评估类别和数据质量。",
        "en": "Every indicator of the plan's Table 1 and the 3.0 % R&D intensity target: latest value, target, "
              "required and achieved growth, probability of meeting it, category by method and data quality."},
    "target_level": {"zh": "目标值", "en": "Target"},
    "achieved_growth": {"zh": "已实现年均增速", "en": "Achieved growth"},
    "peer_share": {"zh": "省份中曾达到所需增速的比例", "en": "Province-periods that grew this fast"},
    "peer_share_note": {"zh": "{span}年期间，{achieved}/{periods}", "en": "over {span} years, {achieved} of {periods}"},
    "quality": {"zh": "数据质量", "en": "Data quality"},
    "quality_ok": {"zh": "可靠", "en": "ok"},
    "quality_check": {"zh": "需核查", "en": "check"},
    "variants": {"zh": "来源冲突对结论的影响", "en": "Conflicting sources and the verdict"},
    "variant_changes": {"zh": "类别随来源改变", "en": "Category changes with the source"},
    "track_record": {"zh": "以往目标的完成情况", "en": "Record of earlier targets"},
    "outcome": {"zh": "实际值", "en": "Outcome"},
    "gap": {"zh": "差距", "en": "Gap"},
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
    "stale_page": {"zh": "显示上次成功的结果", "en": "showing the last good page"},
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
    # data-check report and the data table's status (sjzforecast.datacheck, briefing data table)
    "check_title": {"zh": "数据质量报告", "en": "Data-quality report"},
    "check_files": {"zh": "文件", "en": "Files"},
    "check_rows": {"zh": "行观测", "en": "observation rows"},
    "check_errors": {"zh": "无法载入", "en": "Does not load"},
    "check_all_load": {"zh": "所有文件均可载入。", "en": "Every file loads."},
    "check_series": {"zh": "按地区和指标", "en": "By region and indicator"},
    "check_reposts": {"zh": "转载来源（非官方网站或主流报纸）", "en": "Sources that are reposts (not an official site or newspaper of record)"},
    "check_thin_targets": {"zh": "可比观测少于 {n} 个的规划目标", "en": "Plan targets with fewer than {n} comparable observations"},
    "check_flags_note": {"zh": "同一年份以较晚发布的数值为准，较早的数值列为修订；口径不同（d）的数据不进入趋势。",
                         "en": "For one year the later publication supersedes the earlier, which is listed as a "
                               "revision; rows whose definition differs (d) never enter a trend."},
    "flag_p": {"zh": "初步数", "en": "provisional"},
    "flag_r": {"zh": "修订数", "en": "revised"},
    "flag_e": {"zh": "估计数", "en": "estimated"},
    "flag_b": {"zh": "序列断点", "en": "break in series"},
    "flag_d": {"zh": "口径不同", "en": "definition differs"},
    "flag_u": {"zh": "可靠性低", "en": "low reliability"},
    "source_file": {"zh": "文件", "en": "File"},
    "flag": {"zh": "标记", "en": "Flag"},
    "unsourced": {"zh": "无来源", "en": "unsourced"},
    "revisions": {"zh": "数据修订", "en": "Revisions"},
    "revision_line": {"zh": "{year}年：采用 {value}（{published}），此前发布 {earlier}",
                      "en": "{year}: {value} used ({published}), earlier published {earlier}"},
    "data_caveats": {"zh": "数据质量提示", "en": "Data-quality note"},
    "caveat_line": {"zh": "{year}年 {value}：{reason}", "en": "{year} {value}: {reason}"},
    "excluded_rows": {"zh": "口径不同、未用于趋势的数据（d）", "en": "Not comparable, never in the trend (d)"},
    "segment_note": {"zh": "序列自 {year} 年起口径变化（b），模型只使用此后的数据。",
                     "en": "The series breaks in {year} (b): the model uses the data from then on."},
    "methods_text": {
        "zh": "模型 {model}（{transform} 变换）拟合 {n} 个年度观测值（{first}–{last}年，年份可不等距），"
              "模拟 {paths} 条路径；区间为模拟路径的等尾分位数。达标概率为目标年份模拟值达到目标的路径比例。"
              "目标路径为从最新观测值按不变年均增速到达目标值的路径。",
        "en": "Model {model} ({transform} transform) fitted to {n} annual observations ({first}–{last}, years may "
              "be uneven); {paths} simulated paths; intervals are equal-tailed quantiles of the paths. The "
              "probability of meeting the target is the share of paths at or beyond the target in the target "
              "year. The target path grows at a constant rate from the latest observation to the target."},
    # answers: the lead scenario, and which growth and which probability a number is
    "headline_scenario": {"zh": "{scenario}{quantile}：{year}年为 {value}{unit}，{verdict}目标 {level}{unit}（差距 {gap}{unit}）。",
                          "en": "{scenario} scenario{quantile}: {value} {unit} in {year}, which {verdict} the target of "
                                "{level} {unit} (gap {gap} {unit})."},
    "meets": {"zh": "达到", "en": "meets"},
    "misses": {"zh": "未达到", "en": "misses"},
    "scenario_quantile": {"zh": "（基准情景模拟路径的 {q} 分位数）", "en": " (the {q} quantile of the business-as-usual paths)"},
    "bau_context": {"zh": "作为对照：基准情景下 {year}年达标概率为 {p}（{phrase}）。",
                    "en": "For context, business as usual: P(at or beyond the target in {year}) = {p} ({phrase})."},
    "p_meet_in_year": {"zh": "{year}年达标概率", "en": "P(at or beyond target in {year})"},
    "p_meet_bau": {"zh": "基准情景 {year}年达标概率", "en": "Business as usual: P(target met in {year})"},
    "scenario_value": {"zh": "{scenario} {year}年数值", "en": "{scenario}, {year}"},
    "gap_to_target": {"zh": "与目标差距", "en": "Gap to target"},
    "required_from_latest": {"zh": "自最新观测（{year}年）起所需年均增速", "en": "Required growth from the latest observation ({year})"},
    "required_from_base": {"zh": "自基期（{year}年）起所需年均增速", "en": "Required growth from the base year ({year})"},
    "achieved_from_base": {"zh": "自基期（{year}年）起实际年均增速", "en": "Achieved growth since the base year ({year})"},
    "recent_growth_since": {"zh": "近期年均增速（{year}年起）", "en": "Recent growth (since {year})"},
    "rate_unit": {"zh": "%/年", "en": "%/yr"},
    "scenario_meets": {"zh": "是否达标", "en": "Meets target"},
    "from_base": {"zh": "自基期", "en": "from the base year"},
    "required_from_latest_short": {"zh": "自最新观测：", "en": "from the latest:"},
    "target_rate_note": {"zh": "按{year}年起的目标增速折算", "en": "the target rate from {year}, as a level"},
    "scenario_value_short": {"zh": "所选情景在目标年的数值", "en": "Chosen scenario in the target year"},
    "p_meet_bau_short": {"zh": "基准情景达标概率", "en": "P(meet), business as usual"},
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
