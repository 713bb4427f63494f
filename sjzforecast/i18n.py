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

import re
from collections.abc import Mapping

from .progress.assessment import CATEGORIES  # noqa: F401  (the one list of categories)
from .progress.probability import verbal_probability  # noqa: F401  (the one verbal scale)

LANGUAGES = ("zh", "en")
#: A Chinese (Han) character: CJK Unified Ideographs and Extension A.
HAN_CHARACTER = re.compile(r"[\u3400-\u9fff]")


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
    # punctuation between a label and its text, and between items that hold commas
    "colon": {"zh": "：", "en": ": "},
    "semicolon": {"zh": "；", "en": "; "},
    "full_stop": {"zh": "。", "en": ". "},
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
    # the index's category column: progress of the observations so far, whatever scenario the row leads with
    "progress_so_far": {"zh": "已有进展：{method}", "en": "Progress so far: {method}"},
    "progress_by_method": {"zh": "各评估方法的结论", "en": "Progress by assessment method"},
    "progress_methods_note": {
        "zh": "各方法依据各自公开的规则判定，结论可能不同：Open SDG 进展评估法（加拿大统计局）、欧盟统计局 SDG 监测法、"
              "联合国统计司 SDG 进展图法（2022、2023 版）、亚太经社会进展评估法，以及模拟路径的达标概率"
              "（达到目标的模拟路径所占比例）。",
        "en": "Each method applies its own published rules and they may disagree: Open SDG progress status "
              "(Statistics Canada), Eurostat SDG monitoring, the UN Statistics Division progress chart (2022 and "
              "2023 editions), the UN ESCAP progress assessment, and the probability from simulated paths (the "
              "share of paths that meet the target)."},
    "method": {"zh": "方法", "en": "Method"},
    "method_label": {"zh": "方法自身的表述", "en": "Method's own wording"},
    "reason": {"zh": "依据", "en": "Basis"},
    "scenarios": {"zh": "情景", "en": "Scenarios"},
    "meets_target": {"zh": "达标", "en": "Meets target"},
    "dashboard_title": {"zh": "规划指标总览（{year}年）", "en": "Plan dashboard ({year})"},
    "dashboard_intro": {
        "zh": "{region}规划的全部 {n} 项目标：最新值、目标、所需与实际增速、达标概率、各方法评估类别和数据质量。",
        "en": "All {n} targets of the plan of {region}: latest value, target, required and achieved growth, "
              "probability of meeting it, category by method and data quality."},
    "target_level": {"zh": "目标值", "en": "Target"},
    "achieved_growth": {"zh": "已实现年均增速", "en": "Achieved growth"},
    "peer_share": {"zh": "省份中曾达到所需增速的比例", "en": "Province-periods that grew this fast"},
    "peer_share_note": {"zh": "{span}年期间年均增速不低于 {rate}：{achieved}/{periods}",
                        "en": "{span}-year periods at {rate} or more: {achieved} of {periods}"},
    "quality": {"zh": "数据质量", "en": "Data quality"},
    "quality_ok": {"zh": "可靠", "en": "ok"},
    "quality_check": {"zh": "需核查", "en": "check"},
    "variants": {"zh": "来源冲突对结论的影响", "en": "Conflicting sources and the verdict"},
    "variant_main": {"zh": "采用值", "en": "values used"},
    "variant_alt": {"zh": "{year}年取 {value}", "en": "{value} in {year}"},
    "target_mode_plan": {"zh": "{year}年的目标：规划的目标水平；增速目标按目标增速自基期折算。",
                         "en": "Targets in {year}: the plan's levels; a growth-rate target at its rate from the "
                               "base year."},
    "target_mode_pace": {"zh": "{year}年的目标：按规划自基期至目标年的节奏延续到{year}年；增速目标按目标增速自基期折算。",
                         "en": "Targets in {year}: the plan's pace from its base year to its target year, continued "
                               "to {year}; a growth-rate target at its rate from the base year."},
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
    # the kind of a data row's derivation note (its ``derived:`` or ``note:`` prefix, see data/README.md)
    "derivation_derived": {"zh": "推算", "en": "derived"},
    "derivation_note": {"zh": "备注", "en": "note"},
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
    "headline": {"zh": "按当前趋势，{year}年达到 {level}的概率为 {p}（{phrase}）。",
                 "en": "On current trends, the probability of reaching {level} in {year} is {p} ({phrase})."},
    "headline_observed": {"zh": "{year}年已有观测值 {value}：{verdict}。",
                          "en": "{year} is already observed at {value}: {verdict}."},
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
    "page_missing": {"zh": "页面文件 {file} 已不在报告文件夹中，重新运行即可生成",
                     "en": "the page {file} is no longer in the report folder; run it again"},
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
    "meta_observations_sha256": {"zh": "观测数据文件 SHA-256", "en": "Observation files SHA-256"},
    "meta_targets_sha256": {"zh": "目标数据文件 SHA-256", "en": "Targets file SHA-256"},
    "meta_sjzforecast": {"zh": "sjzforecast 版本", "en": "sjzforecast version"},
    "meta_python": {"zh": "Python 版本", "en": "Python version"},
    "meta_seed": {"zh": "随机种子", "en": "Random seed"},
    "meta_seconds": {"zh": "运行时长（秒）", "en": "Duration (s)"},
    "meta_generated": {"zh": "生成时间", "en": "Generated"},
    # growth models and transforms: keys "model_<name>", "transform_<name>" (see sjzforecast.models)
    "model_auto": {"zh": "自动选择", "en": "chosen automatically"},
    "model_naive": {"zh": "随机游走", "en": "random walk"},
    "model_drift": {"zh": "带漂移的随机游走", "en": "random walk with drift"},
    "model_robust_drift": {"zh": "稳健漂移随机游走", "en": "random walk with robust drift"},
    "model_linear": {"zh": "线性趋势", "en": "linear trend"},
    "model_loglinear": {"zh": "对数线性趋势", "en": "log-linear trend"},
    "model_damped": {"zh": "阻尼趋势", "en": "damped trend"},
    "model_theta": {"zh": "Theta 法", "en": "Theta method"},
    "model_logistic": {"zh": "逻辑斯蒂增长", "en": "logistic growth"},
    "model_ets": {"zh": "指数平滑（ETS）", "en": "exponential smoothing (ETS)"},
    "model_combination": {"zh": "组合预测", "en": "combination of models"},
    "model_dotm": {"zh": "动态优化 Theta 法", "en": "dynamic optimized Theta"},
    "model_arima": {"zh": "带漂移的 ARIMA(p,1,0)", "en": "ARIMA(p,1,0) with drift"},
    # a combination member's own scale: "member (scale)"
    "member_scale": {"zh": "{model}（{scale}）", "en": "{model} ({scale})"},
    "scale_none": {"zh": "原值", "en": "levels"},
    "scale_log": {"zh": "对数", "en": "log scale"},
    "scale_logit": {"zh": "Logit", "en": "logit scale"},
    # why "auto" chose its model: keys "auto_rule_<glance()['auto_rule']>"
    "auto_rule_constant": {"zh": "自动选择的依据：所有观测值相同，故采用随机游走（预测值不变）。",
                           "en": "Why this model: every observation is the same, so a random walk (no change) is used."},
    "auto_rule_two_points": {"zh": "自动选择的依据：仅有 2 个观测值，带漂移的随机游走是两点唯一能确定的趋势。",
                             "en": "Why this model: with 2 observations, a random walk with drift is the only trend they "
                                   "identify."},
    "auto_rule_short": {"zh": "自动选择的依据：{n} 个观测值（少于 {min_points} 个），采用{members}的等权组合；"
                              "在年度短序列和省级研发数据上，它比在更多模型中挑选更稳健。",
                        "en": "Why this model: {n} observations (fewer than {min_points}), so an equal-weight "
                              "combination of {members}; on short yearly series and on provincial R&D data it "
                              "forecasts more robustly than a choice among more models."},
    "auto_rule_long": {"zh": "自动选择的依据：{n} 个观测值（不少于 {min_points} 个）；在长序列的两个候选模型中，从最近 {origins} "
                             "个滚动预测起点提前 1–{h} 年预测本序列，{chosen}的平均绝对误差比{rival}低 {pct}%，故采用前者。",
                       "en": "Why this model: {n} observations (at least {min_points}); of the two candidate models for "
                             "long series, {chosen} forecast this series from its last {origins} rolling origins, 1–{h} "
                             "years ahead, with a mean absolute error {pct} % lower than {rival}."},
    "auto_rule_long_even": {"zh": "自动选择的依据：{n} 个观测值（不少于 {min_points} 个）；在长序列的两个候选模型中，从最近 {origins} "
                                  "个滚动预测起点提前 1–{h} 年预测本序列，{chosen}与{rival}的平均绝对误差相差不到 1%，采用误差较小的前者。",
                            "en": "Why this model: {n} observations (at least {min_points}); of the two candidate models for "
                                  "long series, {chosen} and {rival} forecast this series from its last {origins} rolling "
                                  "origins, 1–{h} years ahead, with mean absolute errors within 1 % of each other; the first, "
                                  "whose error was not larger, is used."},
    "auto_candidate_pool": {"zh": "{members}各分位数的中位数", "en": "the median, quantile by quantile, of {members}"},
    "auto_candidate_combination": {"zh": "{members}的等权组合", "en": "the equal-weight combination of {members}"},
    "auto_interval_scale": {"zh": "预测区间经本序列最近 {origins} 个滚动预测起点的 {k} 个误差检验，放宽为模型区间的 {scale} 倍。",
                            "en": "Its intervals were checked against its {k} errors from the last {origins} rolling "
                                  "forecast origins and widened to {scale} times their width."},
    "auto_interval_kept": {"zh": "预测区间经本序列最近 {origins} 个滚动预测起点的 {k} 个误差检验，无需调整。",
                           "en": "Its intervals were checked against its {k} errors from the last {origins} rolling "
                                 "forecast origins and were kept as they were."},
    "auto_interval_narrowed": {"zh": "预测区间经本序列最近 {origins} 个滚动预测起点的 {k} 个误差检验，收窄为模型区间的 {scale} 倍。",
                               "en": "Its intervals were checked against its {k} errors from the last {origins} rolling "
                                     "forecast origins and narrowed to {scale} times their width."},
    "transform_none": {"zh": "不", "en": "no"},
    "transform_log": {"zh": "对数", "en": "log"},
    "transform_logit": {"zh": "Logit", "en": "logit"},
    # progress methods: key "method_<id>"
    "method_opensdg": {"zh": "Open SDG 进展评估法（加拿大统计局）", "en": "Open SDG progress status (Statistics Canada)"},
    "method_eurostat": {"zh": "欧盟统计局 SDG 监测法", "en": "Eurostat SDG monitoring"},
    "method_unsd": {"zh": "联合国统计司 SDG 进展图法", "en": "UN Statistics Division progress chart"},
    "method_unsd2022": {"zh": "联合国统计司 SDG 进展图法（2022 版）", "en": "UN Statistics Division progress chart (2022)"},
    "method_unsd2023": {"zh": "联合国统计司 SDG 进展图法（2023 版）", "en": "UN Statistics Division progress chart (2023)"},
    "method_escap": {"zh": "亚太经社会进展评估法", "en": "UN ESCAP progress assessment"},
    "method_probability": {"zh": "模拟路径的达标概率", "en": "Probability from simulated paths"},
    # sources: key "source_kind_<kind>" (see sjzforecast.sources)
    "source_kind": {"zh": "来源类型", "en": "Kind of source"},
    "source_kind_official": {"zh": "官方", "en": "official"},
    "source_kind_newspaper": {"zh": "权威报纸", "en": "newspaper of record"},
    "source_kind_official_copy": {"zh": "官方文件副本", "en": "copy of an official file"},
    "source_kind_repost": {"zh": "转载网站", "en": "repost"},
    "source_kinds_note": {
        "zh": "来源类型：官方为政府或统计部门网站；权威报纸为党报、城市日报及国家级新闻网站；转载网站转录他人文字，可能有误，仅作参考。",
        "en": "Kinds of source: official is a government or statistics office; newspaper of record is a party or "
              "city daily or a national news site; a repost copies text it did not write and may be wrong."},
    "repost_only": {"zh": "{year}年的最新观测值 {value} 仅来自转载网站（{host}），没有官方或报纸来源：结论依赖于这一来源。",
                    "en": "The latest observation ({year}: {value}) comes from a repost site only ({host}), with no "
                          "official or newspaper source: the verdict rests on it."},
    "plan_title": {"zh": "石家庄市科技创新“十四五”规划", "en": "Shijiazhuang plan for S&T innovation, 2021–2025"},
    "target_line": {"zh": "目标：{year}年达到 {level}", "en": "Target: {level} in {year}"},
    # data-quality notes of the dashboard: key "note_<code>" (see dashboard.quality_notes)
    "note_few_points": {"zh": "自{base_year}年起仅 {n} 个观测值", "en": "observations since {base_year}: only {n}"},
    "note_conflict": {"zh": "{year}年来源冲突：采用 {chosen}，另有 {alternatives}",
                      "en": "{year}: sources conflict; {chosen} used, also {alternatives}"},
    "note_caveat": {"zh": "{years}年的数值附有说明", "en": "values of {years} come with a note"},
    "note_category_depends": {"zh": "评估类别随来源改变：{methods}", "en": "the category depends on the source: {methods}"},
    "note_no_observations": {"zh": "没有观测值", "en": "no observations"},
    "note_repost_only": {"zh": "最新值（{year}年）仅来自转载网站", "en": "latest value ({year}) from a repost site only"},
    # index page
    "run_failed": {"zh": "运行失败，未生成简报；可打开笔记本查看。", "en": "The run failed and made no page; the notebook shows where."},
    "error_details": {"zh": "错误信息（原文）", "en": "Error message"},
    "pdf": {"zh": "PDF", "en": "PDF"},
    "data_vintage": {"zh": "数据截至", "en": "Data as of"},
    # data-check report and the data table's status (sjzforecast.datacheck, briefing data table)
    "check_title": {"zh": "数据质量报告", "en": "Data-quality report"},
    "check_files": {"zh": "文件", "en": "Files"},
    "check_rows": {"zh": "行观测", "en": "observation rows"},
    "check_errors": {"zh": "无法载入", "en": "Does not load"},
    "check_all_load": {"zh": "所有文件均可载入。", "en": "Every file loads."},
    "check_series": {"zh": "按地区和指标", "en": "By region and indicator"},
    "check_reposts": {"zh": "转载来源（非官方网站或主流报纸）", "en": "Sources that are reposts (not an official site or newspaper of record)"},
    "check_thin_targets": {"zh": "可比观测少于 {n} 个的规划目标", "en": "Plan targets with fewer than {n} comparable observations"},
    "indicator_target": {"zh": "{name}（目标）", "en": "{name} (target)"},
    "check_col_unit": {"zh": "单位", "en": "Unit"},
    "check_col_years": {"zh": "有数据的年份", "en": "Years covered"},
    "check_col_gaps": {"zh": "缺失年份", "en": "Missing years"},
    "check_col_conflicts": {"zh": "来源冲突的年份", "en": "Years with conflicting sources"},
    "check_col_revisions": {"zh": "有修订的年份", "en": "Years revised"},
    "check_col_breaks": {"zh": "序列断点", "en": "Break in series"},
    "check_col_unsourced": {"zh": "无来源行数", "en": "Unsourced rows"},
    "check_col_reposts": {"zh": "转载来源行数", "en": "Rows from reposts"},
    "check_col_host": {"zh": "网站", "en": "Site"},
    "check_col_rows": {"zh": "行数", "en": "Rows"},
    "check_col_plan": {"zh": "规划", "en": "Plan"},
    "check_col_comparable": {"zh": "可比观测数", "en": "Comparable observations"},
    "check_flags_note": {"zh": "同一年份以较晚发布的数值为准，较早的数值列为修订；口径不同（d）的数据不进入趋势。",
                         "en": "For one year the later publication supersedes the earlier, which is listed as a "
                               "revision; rows whose definition differs (d) never enter a trend."},
    "check_col_jumps": {"zh": "跳变年份", "en": "Jumps"},
    "check_jumps_note": {"zh": "跳变：与上一个可比观测相比，年均变化超过 {factor} 倍，多为单位录错（如万元记作亿元、小数记作百分数），请核对。",
                         "en": " Jumps: more than {factor}-fold a year from the previous comparable observation, "
                               "most often a value entered in the wrong unit (ten thousand yuan for hundred "
                               "million yuan, a fraction for a percentage); check them."},
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
    "caveat_noted": {"zh": "数据文件对此值附有说明（见上表“推算/备注”列）",
                     "en": "the data file qualifies this value (see Derivation / note above)"},
    "excluded_rows": {"zh": "口径不同、未用于趋势的数据（d）", "en": "Not comparable, never in the trend (d)"},
    "jump_line": {"zh": "{year}年的数值与上一个可比观测相比年均变化超过 {factor} 倍，可能是单位录错（如万元记作亿元、小数记作百分数），请核对。",
                  "en": "The {year} value moved more than {factor}-fold a year from the previous comparable observation: "
                        "possibly a number entered in the wrong unit (ten thousand yuan for hundred million yuan, a fraction for a percentage); check it."},
    "segment_note": {"zh": "序列自 {year} 年起口径变化（b），模型只使用此后的数据。",
                     "en": "The series breaks in {year} (b): the model uses the data from then on."},
    "methods_text": {
        "zh": "模型“{model}”（{transform}变换）拟合 {n} 个年度观测值（{first}–{last}年，年份可不等距），"
              "模拟 {paths} 条路径；区间为模拟路径的等尾分位数。达标概率为目标年份模拟值达到目标的路径比例。"
              "目标路径为从最新观测值按不变年均增速到达目标值的路径。",
        "en": "Model: {model} ({transform} transform) fitted to {n} annual observations ({first}–{last}, years may "
              "be uneven); {paths} simulated paths; intervals are equal-tailed quantiles of the paths. The "
              "probability of meeting the target is the share of paths at or beyond the target in the target "
              "year. The target path grows at a constant rate from the latest observation to the target."},
    # answers: the lead scenario, and which growth and which probability a number is
    "headline_scenario": {"zh": "{scenario}{assumption}：{year}年为 {value}，{verdict}目标 {level}（差距 {gap}）。",
                          "en": "{scenario} scenario{assumption}: {value} in {year}, which {verdict} the target of "
                                "{level} (gap {gap})."},
    "meets": {"zh": "达到", "en": "meets"},
    "misses": {"zh": "未达到", "en": "misses"},
    "scenario_rates_growth": {"zh": "（{rates}）", "en": " ({rates})"},
    "bau_suffix": {"zh": "（基准情景）", "en": " (business as usual)"},
    "scenario_rates_drivers": {"zh": "（研发经费年均增长 {rd}，地区生产总值年均增长 {gdp}{source}）",
                               "en": " (R&D expenditure growing {rd}, GDP {gdp}{source})"},
    "gdp_from_data": {"zh": "，后者取近年实际增速", "en": ", the latter its recent pace in the data"},
    "scenario_quantile": {"zh": "（基准情景模拟路径的 {q} 分位数）", "en": " (the {q} quantile of the business-as-usual paths)"},
    "bau_context": {"zh": "作为对照：基准情景下 {year}年达标概率为 {p}（{phrase}）。",
                    "en": "For context, business as usual: P(at or beyond the target in {year}) = {p} ({phrase})."},
    "forecast_context": {"zh": "预测中位数：{year}年为 {value}，即自{since}年起年均 {growth}；达标需年均 {required}。",
                         "en": "Median forecast: {value} in {year}, {growth} from {since}, against {required} "
                               "required."},
    "nowcast_note": {"zh": "临近预测：{years}年已经结束，但数据中最新的数值只到{latest}年；本页{years}年的数值是对尚待公布的官方数据的估计。",
                     "en": "Nowcast: {years} ended, but the data hold no figure beyond {latest} yet; this page's "
                           "values for {years} estimate the official figures still to come."},
    "nowcast_label": {"zh": "临近预测", "en": "nowcast"},
    "dashboard_nowcast_note": {"zh": "临近预测：{year}年已经结束，但有 {n} 项指标的数据尚未到{year}年，其达标概率是对尚待公布的官方数据的估计。",
                               "en": "Nowcast: {year} has ended, but for {n} of the indicators the data stop before "
                                     "it: their P(meet) estimates official figures still to come."},
    "forecast_context_met": {"zh": "预测中位数：{year}年为 {value}，即自{since}年起年均 {growth}。",
                             "en": "Median forecast: {value} in {year}, {growth} from {since}."},
    "p_meet_in_year": {"zh": "{year}年达标概率", "en": "P(at or beyond target in {year})"},
    "p_meet_bau": {"zh": "基准情景 {year}年达标概率", "en": "Business as usual: P(target met in {year})"},
    "scenario_value": {"zh": "{scenario} {year}年数值", "en": "{scenario}, {year}"},
    "gap_to_target": {"zh": "与目标差距", "en": "Gap to target"},
    "required_from_latest": {"zh": "自最新观测（{year}年）起所需年均增速", "en": "Required growth from the latest observation ({year})"},
    "already_met_increase": {"zh": "{year}年已达到目标：年均增速不低于此值即可达标",
                             "en": "Already met in {year}: any growth at or above this still meets it"},
    "already_met_decrease": {"zh": "{year}年已达到目标：年均增速不高于此值即可达标",
                             "en": "Already met in {year}: any growth at or below this still meets it"},
    "recent_growth_since": {"zh": "近期年均增速（{year}年起）", "en": "Recent growth (since {year})"},
    "rate_unit": {"zh": "%/\u2060年", "en": "%/yr"},  # a word joiner: a Chinese line never breaks before 年
    "scenario_meets": {"zh": "是否达标", "en": "Meets target"},
    "from_base": {"zh": "自基期", "en": "from the base year"},
    "from_latest": {"zh": "自最新观测", "en": "from the latest observation"},
    "required_from_latest_short": {"zh": "自最新观测：", "en": "from the latest:"},
    "target_rate_note": {"zh": "按{year}年起的目标增速折算", "en": "the target rate from {year}, as a level"},
    "scenario_value_short": {"zh": "所选情景在目标年的数值", "en": "Chosen scenario in the target year"},
    "p_meet_bau_short": {"zh": "基准情景达标概率", "en": "P(meet), business as usual"},
    # the year growth "from the base year" is measured from (growth_since, answer.GrowthBasis)
    "since_plan_base": {"zh": "自基期（{year}年）起", "en": "from the base year ({year})"},
    "since_after_plan_base": {"zh": "自{year}年起（规划基期{plan_base_year}年无观测值）",
                              "en": "from {year} (no observation in the plan's {plan_base_year} base)"},
    "since_before_plan_base_0": {"zh": "自{year}年起（规划基期{plan_base_year}年起无观测值）",
                                 "en": "from {year} (no observation since the plan's {plan_base_year} base)"},
    "since_before_plan_base_1": {"zh": "自{year}年起（规划基期{plan_base_year}年起仅1个观测值）",
                                 "en": "from {year} (one observation since the plan's {plan_base_year} base)"},
    "since_first_observation": {"zh": "自首个观测（{year}年）起", "en": "from the first observation ({year})"},
    "required_since": {"zh": "{since}所需年均增速", "en": "Required growth {since}"},
    "achieved_since": {"zh": "{since}实际年均增速", "en": "Achieved growth {since}"},
    "note_pre_plan_base": {"zh": "增速与各方法评估自{year}年起，依据规划基期（{plan_base_year}年）前的数据",
                           "en": "growth and every method measured from {year}, on data from before the plan's "
                                 "{plan_base_year} base"},
    # a growth-rate target as a level, and a target read in another year than the plan's (briefing.target_line)
    "target_line_growth_rate": {"zh": "目标：{year}年达到 {level}（按{base_year}年起的目标增速折算）",
                                "en": "Target: {level} in {year} (the target rate from {base_year}, as a level)"},
    "target_line_plan": {"zh": "目标：{year}年达到 {level}（规划{plan_year}年的目标）",
                         "en": "Target: {level} in {year} (the plan's {plan_year} target)"},
    "target_line_pace": {"zh": "目标：{year}年达到 {level}（按规划{base_year}—{plan_year}年的节奏折算）",
                         "en": "Target: {level} in {year} (at the plan's {base_year}–{plan_year} pace)"},
    "scenario_rates_target_path": {"zh": "（自{year}年起 {rate}）", "en": " ({rate} from {year})"},
    # a value published as a lower bound ("超过1.5万家"), and what it tells of a target
    "lower_bound_value": {"zh": "超过\u00a0{value}", "en": "over\u00a0{value}"},  # no line break after 超过
    "met_unknown": {"zh": "仅知下限，无法判断是否达标", "en": "a lower bound only: whether the target is met is not known"},
    # what the briefing and dashboard notebooks say between their outputs (sjzforecast.notebook), and their tables' columns
    "notebook_briefing_intro": {
        "zh": "一项规划指标与其目标的对照：数据及其来源、带不确定性区间的基准情景预测、目标路径和达标概率。"
              "可交互运行，也可用 papermill 批量运行（`sjzforecast batch params/`），每个参数文件一次。",
        "en": "How one plan indicator stands against its target: the data and their sources, a business-as-usual "
              "forecast with uncertainty bands, the target path, and the probability of meeting the target. Run it "
              "interactively, or in a batch with papermill (`sjzforecast batch params/`), one params file "
              "per run."},
    "notebook_dashboard_intro": {
        "zh": "规划的全部目标（表 1 及研发经费投入强度 3.0 % 的目标）集于一表：最新值及其年份、所选年份的目标、所需与实际增速、"
              "达标概率、各评估方法的类别和数据质量。来源冲突时逐一评估各种取值；最后将以往目标与实际值对照。"
              "可交互运行，也可用 papermill 批量运行（`sjzforecast batch params/`）。",
        "en": "Every target of the plan (Table 1 and the 3.0 % R&D intensity target) in one table: latest value and "
              "year, the target in the chosen year, growth required against growth achieved, the probability of "
              "meeting it, the category given by each assessment method, and a data-quality flag. Where sources "
              "conflict, every variant is assessed; earlier targets are set against their outcomes at the end. Run "
              "it interactively, or in a batch with papermill (`sjzforecast batch params/`)."},
    "when_reached": {"zh": "何时达到目标", "en": "When is the target reached?"},
    "when_reached_text": {"zh": "截至各年份已达到目标的概率，以及按假定不变增速的路径（网页上可拖动滑块）。",
                          "en": "The probability that the target has been reached by each year, and a path at an "
                                "assumed constant growth rate (move the slider on the page)."},
    "scenarios_text": {"zh": "各情景（所选情景居首）在目标年和展望末年的数值及是否达标。"
                             "`result.scenario_frame()` 为整洁格式（可存为 CSV），"
                             "`sf.to_iamc(result.scenario_frame())` 为 IAMC 宽格式。",
                       "en": "The value of each scenario (the asked one leads) in the target year and the last "
                             "outlook year, and whether it meets the target. `result.scenario_frame()` is "
                             "the tidy frame (CSV), `sf.to_iamc(result.scenario_frame())` the IAMC wide "
                             "format."},
    "variants_text": {"zh": "序列各种取值下各方法的评估类别，以及达标概率的范围。",
                      "en": "The category of each method on every variant of the series, and the range of the "
                            "probability."},
    "page_data": {"zh": "网页数据：{summary}", "en": "Page data: {summary}"},
    "page_data_dashboard": {"zh": "{region}，{year}年，{n} 项目标", "en": "{region}, {year}, {n} targets"},
    "growth_measured": {"zh": "增速起算", "en": "Growth measured"},
    "lower_bound_column": {"zh": "最新值为下限", "en": "Latest is a lower bound"},
    "quality_notes": {"zh": "数据质量说明", "en": "Data-quality notes"},
    "required_growth_from_latest": {"zh": "自最新观测起所需年均增速", "en": "Required growth from the latest observation"},
    # P(meet) where the target year's observation is a lower bound that cannot tell
    "p_meet_unknown": {"zh": "未知（仅知下限）", "en": "not known (a lower bound)"},
    # an earlier published value and its date, in a revision line
    "dated_value": {"zh": "{value}（{date}）", "en": "{value} ({date})"},
    # a data row's note shown as the data file wrote it, in the other language (sjzforecast.notes)
    "note_untranslated": {"zh": "数据文件原注（英文）", "en": "Data-file note (in Chinese)"},
    "note_untranslated_kind": {"zh": "{kind}（数据文件原文，英文）", "en": "{kind} (the data file's text, in Chinese)"},
    # charts: a band clipped at the value axis (its marker and note), the scenario chart's band in its legend,
    # and why "reached by each year" reads 100 % where an observation has already reached the target
    "band_beyond_axis": {"zh": "{level} % 区间超出纵轴，上沿最高至 {value}", "en": "{level} % band runs beyond the axis to {value}"},
    "band_below_axis": {"zh": "{level} % 区间低于纵轴，下沿最低至 {value}", "en": "{level} % band runs below the axis to {value}"},
    "scenario_band": {"zh": "{scenario}的 {level} % 预测区间", "en": "{scenario}: {level} % forecast interval"},
    "reached_observed_note": {
        "zh": "{year}年的观测值已达到目标，故各年均为 100 %。达标概率（{p}）只看{target_year}年当年的数值。",
        "en": "An observation already reached the target in {year}, hence 100 % in every year. P(meet), {p}, "
              "looks only at the value in {target_year}."},
    # a growth rate computed from a value published as a lower bound: a bound itself (sjzforecast.formats.format_rate)
    "rate_at_most": {"zh": "至\u2060多\u00a0{value}", "en": "at most\u00a0{value}"},  # joined: never 至 | 多
    "rate_at_least": {"zh": "至\u2060少\u00a0{value}", "en": "at least\u00a0{value}"},
    # the dashboard: a category of "achieved" beside a P(meet) under 100 % (the latest observation meets the
    # target; P(meet) is about the value in the target year)
    "met_p_meet_note": {"zh": "“{achieved}”：最新观测值已达到目标；达标概率：{year}年数值也达到目标的概率。",
                        "en": "“{achieved}”: the latest observation meets the target; P(meet): the chance that the "
                              "{year} value meets it too."},
    "p_meet_of_year": {"zh": "{year}年数值达标的概率", "en": "for the {year} value"},
    # the peer share beside a required growth that is only an upper bound (the latest value is a lower bound):
    # the share is then a lower bound (sjzforecast.effort.share_bound), and the growth chart's required rate
    "peer_share_note_upper": {"zh": "所需增速{rate}（最新值仅知下限）；{span}年期间年均增速不低于 {plain}："
                                    "{achieved}/{periods}，故比例至少如此",
                              "en": "required growth {rate} (the latest value is a lower bound); {span}-year periods at "
                                    "{plain} or more: {achieved} of {periods}, so the share is at least this"},
    "growth_chart_required": {"zh": "自{year}年起达到目标，所需年均增速{rate}",
                              "en": "Growth required from {year} to reach the target: {rate}"},
}

#: Chinese renderings of the progress methods' own verdict labels (``Assessment.label``), which
#: quote each method's publication in English: Open SDG (``rules.OPENSDG_LABELS``), Eurostat
#: (``rules.EUROSTAT_TARGET_LABELS`` and the four labels without a target), the UN Statistics
#: Division's 2022 and 2023 progress charts (``unsd.UNSD2022_LABELS``, ``unsd.UNSD2023_LABELS``),
#: UN ESCAP (``escap.ESCAP_LABELS``), the labels every method shares, and the probability's verbal scale.
METHOD_LABELS_ZH: dict[str, str] = {
    "substantial progress / on track": "取得实质性进展/按计划推进",
    "substantial progress/on track": "取得实质性进展/按计划推进",
    "progress made but acceleration needed": "已有进展，但需加速",
    "fair progress but acceleration needed": "有一定进展，但需加速",
    "limited progress": "进展有限",
    "limited or no progress": "进展有限或没有进展",
    "deterioration": "出现倒退",
    "significant progress towards the target": "向目标显著推进",
    "moderate progress towards the target": "向目标适度推进",
    "insufficient progress towards the target": "向目标推进不足",
    "movement away from the target": "偏离目标",
    "significant progress towards SD objectives": "向可持续发展目标显著推进",
    "moderate progress towards SD objectives": "向可持续发展目标适度推进",
    "moderate movement away from SD objectives": "适度偏离可持续发展目标",
    "significant movement away from SD objectives": "显著偏离可持续发展目标",
    "target met or on track": "已达标或按计划推进",
    "stagnation or regression": "停滞或倒退",
    "maintain progress to achieve target": "保持进展以实现目标",
    "accelerate progress to achieve target": "加快进展以实现目标",
    "reverse trend to achieve target": "扭转趋势以实现目标",
    "target achieved": "已实现目标",
    "target missed": "未实现目标",
    "unable to assess": "无法评估",
    **{key.replace("_", " "): TRANSLATIONS[key]["zh"]
       for key in ("very_likely", "likely", "about_as_likely_as_not", "unlikely", "very_unlikely")},
}


def method_label(label: str, language: str) -> str:
    """A progress method's own verdict label (:data:`METHOD_LABELS_ZH`) in ``language``.

    English is the method's published wording, shown as it is; a label without a Chinese
    rendering stays English (the page then marks it ``lang="en"``).
    """
    check_language(language)
    return METHOD_LABELS_ZH.get(label, label) if language == "zh" else label


#: English names of every region of the data (Chinese names are the data's own).
REGION_NAMES_EN = {
    "石家庄": "Shijiazhuang", "石家庄高新区": "Shijiazhuang High-tech Zone", "辛集": "Xinji", "河北": "Hebei",
    "全国": "China", "京津冀": "Beijing-Tianjin-Hebei", "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai",
    "重庆": "Chongqing", "保定": "Baoding", "唐山": "Tangshan", "邯郸": "Handan", "廊坊": "Langfang",
    "张家口": "Zhangjiakou", "承德": "Chengde", "沧州": "Cangzhou", "秦皇岛": "Qinhuangdao", "衡水": "Hengshui",
    "邢台": "Xingtai", "云南": "Yunnan", "内蒙古": "Inner Mongolia", "吉林": "Jilin", "四川": "Sichuan",
    "宁夏": "Ningxia", "安徽": "Anhui", "山东": "Shandong", "山西": "Shanxi", "广东": "Guangdong",
    "广西": "Guangxi", "新疆": "Xinjiang", "江苏": "Jiangsu", "江西": "Jiangxi", "河南": "Henan",
    "浙江": "Zhejiang", "海南": "Hainan", "湖北": "Hubei", "湖南": "Hunan", "甘肃": "Gansu", "福建": "Fujian",
    "西藏": "Tibet", "贵州": "Guizhou", "辽宁": "Liaoning", "陕西": "Shaanxi", "青海": "Qinghai",
    "黑龙江": "Heilongjiang",
}

#: Names of the data's indicators (ids of ``observations.csv``), for tables that show ids.
INDICATOR_NAMES: dict[str, dict[str, str]] = {
    "rd_intensity": {"zh": "研发经费投入强度", "en": "R&D intensity"},
    "rd_expenditure": {"zh": "研发经费投入", "en": "R&D expenditure"},
    "rd_expenditure_enterprise": {"zh": "企业研发经费", "en": "R&D expenditure of enterprises"},
    "rd_expenditure_gov_institutes": {"zh": "政府属研究机构研发经费", "en": "R&D expenditure of government institutes"},
    "rd_expenditure_university": {"zh": "高等学校研发经费", "en": "R&D expenditure of universities"},
    "rd_share_of_province": {"zh": "研发经费占全省比重", "en": "Share of the province's R&D expenditure"},
    "industrial_rd": {"zh": "规上工业企业研发投入", "en": "R&D of industrial enterprises above designated size"},
    "fiscal_st_expenditure": {"zh": "财政科技支出", "en": "Fiscal S&T expenditure"},
    "fiscal_st_expenditure_growth": {"zh": "财政科技支出增长率", "en": "Growth of fiscal S&T expenditure"},
    "fiscal_st_share": {"zh": "财政科技支出占财政支出比重", "en": "Fiscal S&T share of public expenditure"},
    "gdp": {"zh": "地区生产总值", "en": "GDP"},
    "gdp_h1": {"zh": "上半年地区生产总值", "en": "GDP, first half-year"},
    "gdp_real_growth": {"zh": "地区生产总值实际增速", "en": "Real GDP growth"},
    "hightech_enterprises": {"zh": "高新技术企业数量", "en": "High-tech enterprises"},
    "hightech_enterprises_new": {"zh": "新增高新技术企业", "en": "New high-tech enterprises"},
    "hightech_enterprises_biopharma": {"zh": "生物医药高新技术企业", "en": "High-tech enterprises in biopharma"},
    "hightech_va_growth": {"zh": "高新技术产业增加值增速", "en": "Growth of high-tech industry value added"},
    "hightech_va_share": {"zh": "高新技术产业增加值占比", "en": "High-tech industry share of value added"},
    "hightech_va_share_h1": {"zh": "上半年高新技术产业增加值占比", "en": "High-tech share of value added, first half"},
    "hightech_va_share_q3": {"zh": "前三季度高新技术产业增加值占比",
                             "en": "High-tech share of value added, first three quarters"},
    "tech_sme": {"zh": "科技型中小企业数量", "en": "Technology-based SMEs"},
    "tech_sme_new": {"zh": "新增科技型中小企业", "en": "New technology-based SMEs"},
    "tech_sme_national": {"zh": "国家科技型中小企业", "en": "Nationally registered technology-based SMEs"},
    "tech_contract_value": {"zh": "技术合同成交额", "en": "Value of technology contracts"},
    "tech_contract_value_13th_fyp_total": {"zh": "“十三五”技术合同成交总额",
                                           "en": "Technology contracts, 13th five-year total"},
    "tech_contract_value_with_beijing": {"zh": "与京津技术合同成交额", "en": "Technology contracts with Beijing and Tianjin"},
    "tech_transfer_institutions": {"zh": "技术转移机构", "en": "Technology transfer institutions"},
    "innovation_teams_and_leaders": {"zh": "创新团队和领军人物", "en": "Innovation teams and leading talents"},
    "innovative_enterprises": {"zh": "创新型企业", "en": "Innovative enterprises"},
    "innovation_platforms": {"zh": "创新平台", "en": "Innovation platforms"},
    "innovation_platforms_provincial_plus": {"zh": "省级以上创新平台", "en": "Innovation platforms, provincial and above"},
    "innovation_platforms_national_biopharma": {"zh": "国家级生物医药创新平台",
                                                "en": "National innovation platforms in biopharma"},
    "innovation_platforms_provincial_biopharma": {"zh": "省级生物医药创新平台",
                                                  "en": "Provincial innovation platforms in biopharma"},
    "innovation_platforms_provincial_plus_rank_in_province": {
        "zh": "省级以上创新平台数量全省排名", "en": "Rank in the province: innovation platforms, provincial and above"},
    "rd_expenditure_growth": {"zh": "研发经费投入增长率", "en": "Growth of R&D expenditure"},
    "rd_expenditure_growth_avg_14fyp": {"zh": "“十四五”期间研发经费年均增长率",
                                        "en": "Average growth of R&D expenditure, 2021–2025"},
    "rd_expenditure_rank_in_province": {"zh": "研发经费全省排名", "en": "Rank in the province: R&D expenditure"},
    "incubators": {"zh": "孵化器", "en": "Incubators"},
    "incubators_national": {"zh": "国家级孵化器", "en": "National incubators"},
    "incubators_provincial_plus": {"zh": "省级以上孵化器", "en": "Incubators, provincial and above"},
    "incubation_carriers": {"zh": "孵化载体", "en": "Incubation facilities"},
    "maker_spaces": {"zh": "众创空间", "en": "Maker spaces"},
    "patent_applications": {"zh": "专利申请量", "en": "Patent applications"},
    "patents_granted": {"zh": "专利授权量", "en": "Patents granted"},
    "invention_patents_granted": {"zh": "发明专利授权量", "en": "Invention patents granted"},
    "invention_patents_per_10k": {"zh": "每万人口发明专利拥有量", "en": "Invention patents per 10,000 people"},
    "high_value_invention_patents_per_10k": {"zh": "每万人口高价值发明专利拥有量",
                                             "en": "High-value invention patents per 10,000 people"},
    "effective_invention_patents": {"zh": "有效发明专利", "en": "Valid invention patents"},
}

#: Every unit of the data (``observations.csv``'s ``unit``), in each language: one choice per unit.
#: English follows the China Statistical Yearbook's units (亿元 "100 million yuan", 家 and 个 "unit",
#: 件 "piece"), written out where a number precedes them: "200.0 hundred million yuan", never
#: "200.0 100 million yuan"; 家 counts firms, incubators and institutions alike, so it is no "firms".
UNIT_LABELS: dict[str, dict[str, str]] = {
    "%": {"zh": "%", "en": "%"},
    "亿元": {"zh": "亿元", "en": "hundred million yuan"},
    "个": {"zh": "个", "en": "units"},
    "家": {"zh": "家", "en": "units"},
    "件": {"zh": "件", "en": "pieces"},
    "件/万人": {"zh": "件/万人", "en": "per 10,000 people"},
    "%/yr": TRANSLATIONS["rate_unit"],  # a rate's unit as every page shows it (formats.format_rate)
    "rank": {"zh": "位", "en": "rank"},
    "pp": {"zh": "个百分点", "en": "pp"},
}


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)}, got {language!r}")
    return language


def translate(table: Mapping[str, dict], key: str, language: str = "zh", **fields) -> str:
    """The text ``key`` of a ``{"key": {"zh": ..., "en": ...}}`` table in ``language``, with ``fields`` filled in."""
    check_language(language)
    try:
        text = table[key][language]
    except KeyError:
        raise KeyError(f"no translation for {key!r}") from None
    return text.format(**fields) if fields else text


def t(key: str, language: str = "zh", **fields) -> str:
    """The label ``key`` in ``language`` (:data:`TRANSLATIONS`), with ``fields`` filled in."""
    return translate(TRANSLATIONS, key, language, **fields)


def region_name(region: str, language: str) -> str:
    """A region's name in ``language``; a region without an English name keeps its own."""
    return region if language == "zh" else REGION_NAMES_EN.get(region, region)


def indicator_label(indicator: str, language: str) -> str:
    """An indicator id's name in ``language`` (the id itself where the table has none); a
    ``<indicator>_target`` id (a target published as data) is named after its indicator."""
    check_language(language)
    base = indicator.removesuffix("_target")
    if base != indicator and base in INDICATOR_NAMES:
        return t("indicator_target", language, name=INDICATOR_NAMES[base][language])
    return INDICATOR_NAMES.get(indicator, {}).get(language, indicator)


def name_of(kind: str, name: str, language: str) -> str:
    """The name of a ``kind`` (``method``, ``model``, ``transform``) in ``language``: key
    ``<kind>_<name>``, else the name itself."""
    key = f"{kind}_{name}"
    return t(key, language) if key in TRANSLATIONS else str(name)


def method_name(method: str, language: str) -> str:
    """A progress method's name in ``language`` (the id itself where the table has none)."""
    return name_of("method", method, language)


def join_list(items, language: str) -> str:
    """Items of a list as one phrase: ``a、b`` in Chinese, ``a, b`` in English (never a Python list)."""
    return ("、" if language == "zh" else ", ").join(str(item) for item in items)


def join_sentences(sentences, language: str) -> str:
    """Sentences as one paragraph: run together in Chinese (each ends in 。), a space between in English; empty ones dropped."""
    return ("" if language == "zh" else " ").join(s for s in sentences if s)


def quality_note(note: dict, language: str) -> str:
    """A data-quality note ``{"code": ..., **fields}`` in ``language`` (see :func:`sjzforecast.dashboard.quality_notes`).

    List fields are joined as a phrase; ``methods`` are named with :func:`method_name`; the values of a
    note with a ``unit`` (``chosen`` and ``alternatives`` of a conflict) are shown in it as published
    (:func:`~sjzforecast.formats.format_published`): ``采用 2.76 %，另有 2.52 %``.
    """
    fields = {k: v for k, v in note.items() if k not in ("code", "unit")}
    if "unit" in note:
        from .formats import format_published  # formats words its units with this module
        fields["chosen"], *fields["alternatives"] = format_published(
            [note["chosen"], *note["alternatives"]], note["unit"], language)
    if "methods" in fields:
        fields["methods"] = [method_name(m, language) for m in fields["methods"]]
    fields = {k: join_list(v, language) if isinstance(v, (list, tuple)) else v for k, v in fields.items()}
    return t(f"note_{note['code']}", language, **fields)


def growth_since(basis, language: str) -> str:
    """From which year growth "from the base year" is measured, in ``language``: ``自基期（2020年）起``, or
    where that is not the plan's base year, the year used and why: ``自2013年起（规划基期2020年起仅1个观测值）``
    (``from 2013 (one observation since the plan's 2020 base)``).

    ``basis`` is an :class:`~sjzforecast.answer.GrowthBasis` or its JSON (``to_json()``).
    """
    fields = basis if isinstance(basis, Mapping) else basis.to_json()
    key = f"since_{fields['code']}"
    if fields["code"] == "before_plan_base":
        key += f"_{min(int(fields['observations_since_plan']), 1)}"
    return t(key, language, year=fields["year"], plan_base_year=fields["plan_base_year"])


def variant_label(variant: str, language: str, unit: str | None = None) -> str:
    """A variant of a series (:func:`~sjzforecast.series.series_variants`) in ``language``: ``main``
    is the values used; ``2023=2.52`` is ``2023年取 2.52`` (``2.52 in 2023``), with the series' ``unit``
    where given: ``2023年取 2.52 %`` (:func:`~sjzforecast.formats.format_value`)."""
    if variant == "main":
        return t("variant_main", language)
    year, _, value = variant.partition("=")
    if value and unit:
        from .formats import format_value  # formats words its units with this module
        value = format_value(float(value), unit, language)
    return t("variant_alt", language, year=year, value=value) if value else variant


def probability_phrase(p: float | None, language: str) -> str:
    """The verbal scale's phrase of P(meet) (:func:`verbal_probability`); for None (the target year's
    observation is a lower bound that cannot tell), that whether it is met is not known."""
    return t("met_unknown" if p is None else verbal_probability(p), language)


def category_label(category: str, language: str) -> str:
    """The name of an assessment category (one of :data:`CATEGORIES`) in ``language``."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; known: {list(CATEGORIES)}")
    return t(category, language)


def scenario_label(scenario: str, language: str) -> str:
    """A scenario's name in ``language``; names without a translation are shown as they are."""
    key = f"scenario_{scenario}"
    return t(key, language) if key in TRANSLATIONS else scenario


def yes_no(value, language: str) -> str:
    """``是``/``否`` (``yes``/``no``) for a truth value in ``language``, ``—`` where it is not known."""
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return "—"
    return t("yes" if value else "no", language)
