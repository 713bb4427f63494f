"""The briefing payload, the translation table and the HTML rendered from them."""
import copy
import datetime
import json
import re

import pytest
from markupsafe import escape

import sjzforecast
from sjzforecast import briefing, explore, render
from sjzforecast.formats import decimals_of, format_rate, format_value
from sjzforecast.i18n import CATEGORIES, LANGUAGES, TRANSLATIONS, category_label, scenario_label, t, verbal_probability

EVIL = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def result():
    return sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", target_year=2025, n_paths=500))


@pytest.fixture(scope="module")
def payloads(result):
    return {lang: briefing.build_payload(result, lang) for lang in LANGUAGES}


META = {"params_file": "x.yaml", "parameters": "indicator=rd_intensity", "observations_sha256": "ab" * 32,
        "targets_sha256": "cd" * 32, "sjzforecast": sjzforecast.__version__, "seed": 0, "seconds": "1.0"}


def test_every_label_exists_in_every_language():
    for key, texts in TRANSLATIONS.items():
        assert set(texts) == set(LANGUAGES) and all(texts.values()), key
    for category in CATEGORIES:
        assert category_label(category, "zh") != category_label(category, "en")
    with pytest.raises(ValueError, match="unknown category"):
        category_label("fine", "en")
    assert scenario_label("bau", "en") == "Business as usual" and scenario_label("mine", "zh") == "mine"


@pytest.mark.parametrize("p, key", [(1.0, "very_likely"), (0.9, "very_likely"), (0.8999, "likely"),
                                    (0.66, "likely"), (0.5, "about_as_likely_as_not"), (0.33, "about_as_likely_as_not"),
                                    (0.2, "unlikely"), (0.1, "unlikely"), (0.0999, "very_unlikely"),
                                    (0.0, "very_unlikely")])
def test_verbal_probability_scale(p, key):
    assert verbal_probability(p) == key


def test_payload_has_every_chart_and_the_assessment(payloads, result):
    for lang, payload in payloads.items():
        assert set(payload["charts"]) == {"fan", "first_passage", "scenarios", "growth"}
        assert payload["category"] in CATEGORIES
        assert payload["category_label"] == t(payload["category"], lang)
        assert payload["scenario_label"] == scenario_label(result.scenario, lang)
    fp = payloads["en"]["charts"]["first_passage"]
    rows = next(d for d in fp["datasets"].values() if d and "is_target" in d[0])
    assert [r["probability"] for r in rows] == pytest.approx(result.p_reached_by.to_list())


def test_every_progress_method_is_shown_side_by_side(payloads, result):
    from sjzforecast.progress import METHODS

    rows = payloads["en"]["assessments"]
    assert [r["method"] for r in rows] == list(METHODS)
    assert all(r["category"] in CATEGORIES and r["category_label"] == t(r["category"], "en") for r in rows)
    assert payloads["en"]["category"] == next(r["category"] for r in rows if r["method"] == briefing.LEAD_METHOD)
    assert rows[list(METHODS).index("probability")]["category"] == result.categories["probability"]
    html = render.render_briefing(payloads["en"], META, svg=False)
    for r in rows:
        assert f'data-method="{r["method"]}"' in html


def test_scenario_table_lists_every_scenario_with_its_value_in_the_target_year(payloads, result):
    scenarios = payloads["en"]["scenarios"]
    assert sorted(r["scenario"] for r in scenarios["rows"]) == sorted(result.scenario_summary().index)
    assert scenarios["rows"][0]["scenario"] == result.scenario and scenarios["rows"][0]["lead"]
    assert str(result.target.year) in scenarios["years"]
    assert "scenarios" in payloads["en"]["charts"]


def test_briefing_html_ends_with_data_methods_and_metadata_in_its_language(payloads):
    html = render.render_briefing(payloads["zh"], META, svg=False)
    sections = [t(k, "zh") for k in ("forecast_table", "data_used", "methods", "run_metadata")]
    positions = [html.index(f"<h2>{s}</h2>") for s in sections]
    assert positions == sorted(positions)
    for key in META:
        assert f"<th>{t('meta_' + key, 'zh')}</th>" in html
    assert t("interval_bound", "zh", level=95, bound=t("lower", "zh")) in html
    assert f"<th>{t('std_error', 'zh')}</th>" in html and "std_error" not in html.split("<h2>")[-2]
    assert payloads["zh"]["methods"] in html


def test_user_text_is_escaped_and_cannot_close_the_spec_script(payloads):
    payload = copy.deepcopy(payloads["en"])
    payload["data"][0]["quote"] = EVIL
    payload["data"][0]["source_url"] = EVIL
    payload["target"]["quote"] = EVIL
    payload["scenario_label"] = EVIL
    payload["charts"]["fan"]["title"] = EVIL
    html = render.render_briefing(payload, {**META, "parameters": EVIL}, svg=False)
    assert EVIL not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    # inside the JSON spec, "<" is written "\u003c" so the script element cannot be closed early
    assert '\\u003cscript\\u003ealert(\\"x\\")\\u003c/script\\u003e' in html


def test_svg_fallback_for_each_chart_shown_when_printing(payloads):
    html = render.render_briefing(payloads["zh"], META)
    fallbacks = re.findall(r'<svg class="fallback" role="img" aria-label="([^"]+)"', html)
    assert fallbacks == [render.chart_alt(spec, name) for name, spec in payloads["zh"]["charts"].items()]
    print_css = html[html.index("@media print"):]
    assert re.search(r"\.chart \.live, [^{]*\{ display: none !important; \}", print_css)
    assert re.search(r"\.chart svg\.fallback \{ display: block;", print_css)
    svg = render.chart_svg(payloads["zh"]["charts"]["fan"])
    assert svg.startswith("<svg") and t("year", "zh") in svg


def test_a_static_svg_is_read_by_its_title_not_by_vegas_own_english(payloads):
    """The print image of a page's chart and a notebook's chart: one image named by the chart's title."""
    import altair as alt

    from sjzforecast import charts

    spec = payloads["zh"]["charts"]["fan"]
    previous = alt.renderers.active
    charts.enable_offline_charts()
    try:
        shown = alt.renderers.get()(spec)["image/svg+xml"]
    finally:
        alt.renderers.enable(previous)
    for svg in (render.chart_svg(spec), shown):
        assert svg.startswith('<svg role="img" aria-label="')
        assert re.findall(r'aria-(?:label|roledescription)="([^"]*)"', svg) == [render.chart_alt(spec, "fan")]


def test_chart_alt_is_the_title_or_the_name():
    assert render.chart_alt({"title": {"text": "T"}}, "x") == "T" and render.chart_alt({"title": "S"}, "x") == "S"
    assert render.chart_alt({}, "x") == "x"


def test_the_page_embeds_its_answer_as_json(payloads, result):
    html = render.render_briefing(payloads["zh"], META, svg=False)
    block = re.search(r'<script type="application/json" id="sjz-answer">(.*?)</script>', html).group(1)
    assert json.loads(block) == json.loads(json.dumps(result.to_json()))


@pytest.mark.parametrize("scenario, fields", [("high", {}), ("low", {}), ("target_path", {}),
                                              ("drivers", {"gdp_growth": 6.0}), ("growth", {"growth_rate": 8.0})])
def test_the_asked_scenario_leads_headline_and_cards(scenario, fields):
    result = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", scenario=scenario, n_paths=500,
                                                     **fields))
    payload = briefing.build_payload(result, "en")
    lead = result.lead
    assert payload["headline"].startswith(scenario_label(scenario, "en"))
    shown = format_value(lead.value, "%", "en", decimals_of(result.selection.rows["value"]), with_unit=False)
    assert shown in payload["headline"]
    assert ("meets" if lead.meets else "misses") in payload["headline"]
    if lead.quantile is not None:
        assert f"the {lead.quantile:g} quantile of the business-as-usual paths" in payload["headline"]
    for rate in fields.values():  # a scenario defined by rates states them
        assert format_rate(rate, "en") in payload["headline"]
        assert format_rate(rate, "en") in payload["lead"]["assumption_text"]
    if scenario == "drivers":
        assert format_rate(12.0, "en") in payload["headline"]  # the default R&D growth
    for chart in ("fan", "first_passage"):  # the charts of the simulated paths say they are business as usual
        title = payload["charts"][chart]["title"]  # one line, or the lines of a title too long for a phone
        assert " ".join([title] if isinstance(title, str) else title).endswith(t("bau_suffix", "en"))
    assert payload["bau_context"].startswith("For context, business as usual")
    html = render.render_briefing(payload, META, svg=False)
    assert re.search(r'id="scenario-value">([^<]+)<', html).group(1) == f"{shown}\u00a0%"
    assert payload["answer"]["scenario"] == scenario and payload["answer"]["scenario_value"] == lead.value


@pytest.mark.parametrize("n, rule, zh_words, en_words", [
    (5, "short", ["5 个观测值", "等权组合", "阻尼趋势"], ["5 observations", "equal-weight combination", "damped trend"]),
    (20, "long", ["20 个观测值", "中位数", "动态优化 Theta 法（原值）", "阻尼趋势（对数）", "稳健漂移随机游走（原值）",
                  "最近 4 个滚动预测起点"],
     ["20 observations", "median", "dynamic optimized Theta (levels)", "damped trend (log scale)",
      "random walk with robust drift (levels)", "last 4 rolling forecast origins"]),
])
def test_the_methods_note_says_why_auto_chose_its_model_in_the_pages_language(n, rule, zh_words, en_words):
    from sjzforecast.models import resolve_model
    years = list(range(2024 - n, 2024))
    values = [10 * 1.05 ** i for i in range(n)]
    values[1] *= 1.01  # not a perfectly smooth series
    glance = resolve_model("auto", years, values).fit(years, values).glance()
    assert glance["auto_rule"] == rule
    zh, en = briefing.auto_rule_text(glance, "zh"), briefing.auto_rule_text(glance, "en")
    assert all(w in zh for w in zh_words) and all(w in en for w in en_words)
    assert not re.search(r"[A-Za-z]{3,}", zh.replace("Theta", "")) and not re.search(r"[\u4e00-\u9fff]", en)
    assert briefing.auto_rule_text({**glance, "model": "drift"}, "en") == ""
    if rule == "long":  # two sentences, joined as each language does
        assert "故采用前者。预测区间" in zh and " lower than the " in en and "(levels). Its intervals" in en


def test_the_briefing_methods_note_carries_autos_reason(payloads, result):
    assert result.model.glance()["model"] == "auto"
    html = render.render_briefing(payloads["en"], META, svg=False)
    why = briefing.auto_rule_text(result.model.glance(), "en")
    assert why.startswith("Why this model:") and why in payloads["en"]["methods"] and "Why this model:" in html


def test_a_target_already_met_says_so_beside_the_negative_required_growth():
    met = sjzforecast.answer(sjzforecast.Question(indicator="tech_sme", target_year=2025, n_paths=500))
    assert met.required_growth_from_latest < 0 and met.meets(met.latest_value)
    html = render.render_briefing(briefing.build_payload(met, "en"), META, svg=False)
    assert f'<div class="label" id="already-met">{t("already_met_increase", "en", year=met.latest_year)}</div>' in html
    ahead = render.render_briefing(briefing.build_payload(met, "en") | {"latest": {"year": 2023, "value": 2.0,
                                                                                    "lower_bound": False,
                                                                                    "meets": False}}, META, svg=False)
    assert 'id="already-met"' not in ahead


def progress_labels() -> set[str]:
    """Every verdict label the progress methods can give, read from their source: the ``*_LABELS``
    tables, every ``label=`` argument or default, the labels a function returns with its category,
    and the probability method's verbal scale."""
    import ast
    from pathlib import Path

    from sjzforecast import progress

    labels = {key.replace("_", " ") for key in ("very_likely", "likely", "about_as_likely_as_not", "unlikely",
                                                "very_unlikely")}
    for source in Path(progress.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(getattr(x, "id", "").endswith("_LABELS") for x in node.targets):
                labels |= {v.value for v in node.value.values}
            elif isinstance(node, ast.keyword) and node.arg == "label" and isinstance(node.value, ast.Constant):
                labels.add(node.value.value)
            elif isinstance(node, ast.arguments):
                names = [a.arg for a in node.args + node.kwonlyargs]
                defaults = dict(zip(reversed(names), reversed(node.defaults + [d for d in node.kw_defaults if d])))
                if isinstance(defaults.get("label"), ast.Constant):
                    labels.add(defaults["label"].value)
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                texts = [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(texts) == 2 and texts[0] in CATEGORIES:
                    labels.add(texts[1])
    return labels - {""}  # no label: the page shows none


def test_every_method_label_has_a_chinese_rendering_and_keeps_its_english_original(payloads):
    from sjzforecast.i18n import METHOD_LABELS_ZH, method_label

    labels = progress_labels()
    assert {"substantial progress / on track", "moderate movement away from SD objectives", "target missed",
            "about as likely as not"} <= labels
    assert sorted(labels - set(METHOD_LABELS_ZH)) == []
    assert all(re.search(r"[\u4e00-\u9fff]", method_label(label, "zh")) for label in labels)
    assert all(method_label(label, "en") == label for label in labels)
    rows = payloads["zh"]["assessments"]
    html = render.render_briefing(payloads["zh"], META, svg=False)
    for row in rows:
        assert f'<span class="method-label" title="{row["label"]}">{method_label(row["label"], "zh")}</span>' in html
    assert '<span lang="en"' not in html.split('id="assessments"')[1].split("</table>")[0]
    english = render.render_briefing(payloads["en"], META, svg=False)
    assert all(f'<span class="method-label">{row["label"]}</span>' in english for row in payloads["en"]["assessments"])


def test_the_fan_charts_tooltip_names_a_derivation_notes_kind_as_the_data_table_does(payloads):
    rows = [r for spec in [payloads["zh"]["charts"]["fan"]] for data in spec["datasets"].values() for r in data
            if r.get("derived")]
    assert rows and {r["derived"].split("：")[0] for r in rows} <= {"推算", "备注"}, rows
    assert any(r["derived"] == "推算：2.13-0.30" for r in rows) and any(r["derived"] == "备注：出自规划原文" for r in rows)


def test_the_scenario_table_says_what_defines_each_scenario(payloads, result):
    """The high, low and drivers rows of any page state their quantile or rates, so that a drivers row
    here and a drivers page with other rates are not read as one number that disagrees."""
    rows = {r["scenario"]: r for r in payloads["en"]["scenarios"]["rows"]}
    assert rows["bau"]["assumption"] == ""
    assert rows["target_path"]["assumption"] == f" ({format_rate(result.required_growth_from_latest, 'en')} from 2023)"
    assert rows["high"]["assumption"] == briefing.assumption_text("high", 0.9, None, "en")
    assert format_rate(12.0, "en") in rows["drivers"]["assumption"]  # the default R&D growth
    html = render.render_briefing(payloads["zh"], META, svg=False)
    drivers = re.search(r'<tr data-scenario="drivers">(.*?)</tr>', html, re.S).group(1)
    assert briefing.assumption_text("drivers", None, result.scenario_rates("drivers"), "zh") in drivers


def test_the_peer_share_card_names_the_rate_it_counts_the_required_growth_from_the_latest(payloads, result):
    """"Province-periods that grew this fast" says how fast: the required growth from the latest observation,
    shown as in the card beside it, and its share is the dashboard's (``PeerFeasibility.share``)."""
    html = render.render_briefing(payloads["en"], META, svg=False)
    card = re.search(r'<div class="kpi" id="peer-share">(.*?)</div></div>', html, re.S).group(1)
    shown = re.search(r'id="required-from-latest">([^<]+)<', html).group(1)
    assert shown == format_rate(result.required_growth_from_latest, "en") and f"at {shown} or more" in card
    assert f">{round(100 * result.peer_feasibility.share)}\u00a0%<" in card


def test_a_used_value_the_data_file_qualifies_is_named_in_the_data_quality_note(payloads):
    """High-tech enterprises' latest value (2024: 3431) is "status as reported Aug 2024 (likely end-2023
    stock)": the page says the value is qualified, in its own language, beside the flagged ones."""
    hte = sjzforecast.answer(sjzforecast.Question(indicator="hightech_enterprises", n_paths=200))
    for language in LANGUAGES:
        lines = briefing.caveat_lines(hte, language)
        value = format_value(3431, "家", language)  # as the data table shows it: 3,431 家
        assert t("caveat_line", language, year=2024, value=value, reason=t("caveat_noted", language)) in lines
    # "note: from the plan text" is no caveat
    assert not any(t("caveat_noted", "zh") in line for line in payloads["zh"]["caveats"])


def test_a_target_read_in_another_year_than_the_plans_says_whose_year_it_is():
    """The plan sets 3.0 % for 2025; a 2030 briefing holds it (mode plan) or continues its pace (mode pace)."""
    held = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", target_year=2030, n_paths=200))
    assert briefing.target_line(held, "en") == "Target: 3.00\u00a0% in 2030 (the plan's 2025 target)"
    assert briefing.target_line(held, "zh") == "目标：2030年达到 3.00\u00a0%（规划2025年的目标）"
    pace = sjzforecast.answer(sjzforecast.Question(indicator="hightech_enterprises", target_year=2030,
                                                   target_mode="pace", n_paths=200))
    assert briefing.target_line(pace, "en").endswith("in 2030 (at the plan's 2020–2025 pace)")
    own = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", target_year=2025, n_paths=200))
    assert briefing.target_line(own, "en") == "Target: 3.00\u00a0% in 2025"


def test_a_growth_rate_target_says_it_is_a_rate_read_as_a_level_at_the_precision_of_the_values_used():
    """河北's R&D is to grow 10 %/yr from 2020 (634.4 亿元): 1,021.7 亿元 in 2025, to the one decimal of the
    values used (an unused rewrite's 310.78 lends no second decimal)."""
    a = sjzforecast.answer(sjzforecast.Question(region="河北", indicator="rd_expenditure", n_paths=200,
                                                targets="data/plans/hebei-14th.yaml"))
    assert a.decimals == 1 and 310.78 in set(a.selection.rows["value"])
    assert briefing.target_line(a, "zh") == "目标：2025年达到 1,021.7\u00a0亿元（按2020年起的目标增速折算）"
    assert briefing.target_line(a, "en") == ("Target: 1,021.7\u00a0hundred million yuan in 2025 "
                                             "(the target rate from 2020, as a level)")


def test_the_category_card_names_what_it_judges_as_the_index_does():
    """On a scenario's page the category is of progress so far (by the lead method), not of the scenario:
    its card says so with the index's column heading."""
    from sjzforecast.i18n import method_name
    from sjzforecast.progress import LEAD_METHOD

    result = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", scenario="high", n_paths=200))
    for language in LANGUAGES:
        html = render.render_briefing(briefing.build_payload(result, language), META, svg=False)
        label = re.search(r'<div class="label" id="category-label">([^<]*)</div>', html).group(1)
        assert label == t("progress_so_far", language, method=method_name(LEAD_METHOD, language))
        index = render.render_index([], language)
        assert label in index


def test_the_target_path_says_what_growth_it_takes_on_its_page_and_in_the_index():
    """The target path is defined by a rate: 4.3 %/yr from the 2023 observation to 3.0 % in 2025; a target
    the latest value already meets is held (0.0 %/yr)."""
    result = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", scenario="target_path", n_paths=200))
    assert result.lead.rates == {"target_path": result.required_growth_from_latest, "since": 2023}
    payload = briefing.build_payload(result, "en")
    assert payload["headline"].startswith("Target path scenario (4.3\u00a0%/yr from 2023): 3.00\u00a0% in 2025")
    from sjzforecast.answers import CSV_COLUMNS, answer_fields

    from sjzforecast.reportdir import FILE_KEYS

    row = {**dict.fromkeys([*CSV_COLUMNS, *FILE_KEYS]), "status": "ok", "name": "x", "title": "x", "stale": False,
           **answer_fields({"kind": "briefing", **result.to_json()})}
    index = render.render_index([row], "zh")
    assert "（自2023年起 4.3\u00a0%/\u2060年）" in index
    held = sjzforecast.answer(sjzforecast.Question(indicator="tech_sme", n_paths=200))
    assert held.scenario_rates("target_path") == {"target_path": 0.0, "since": 2024}


def test_a_method_reads_a_latest_value_published_as_a_lower_bound_as_one():
    """河北's "超过1.5万家" (2024) meets the 15,000 target: each method's reason says "超过 15,000 家" /
    "over 15,000 units", as the tables do, not 15,000 alone."""
    result = sjzforecast.answer(sjzforecast.Question(region="河北", indicator="hightech_enterprises",
                                                     targets="data/plans/hebei-14th.yaml", n_paths=200))
    for language, shown in (("zh", "最新值 超过\u00a015,000\u00a0家（2024年）"), ("en", "latest value over\u00a015,000\u00a0units")):
        reasons = {r["method"]: r["reason"] for r in briefing.assessment_rows(result, language)}
        assert reasons["opensdg"].startswith(shown), reasons["opensdg"]


def test_conflicting_and_revised_values_carry_the_unit_and_their_published_decimals():
    """石家庄's 2023 intensity "采用 2.76 %，另有 2.52 %" (not bare 2.76); 河北's revised 2023 intensity 2.00 %
    beside the earlier 2.08 % (not "2")."""
    rd = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", n_paths=200))
    assert briefing.conflict_lines(rd, "zh") == ["2023年有多个数值：采用 2.76\u00a0%，另有 2.52\u00a0%"]
    hebei = sjzforecast.answer(sjzforecast.Question(region="河北", indicator="rd_intensity", target_value=2.5,
                                                    n_paths=200))
    assert briefing.revision_lines(hebei, "en")[0].startswith("2023: 2.00\u00a0% used")
    assert "2.08\u00a0% (2024-10-02)" in briefing.revision_lines(hebei, "en")[0]
    assert "此前发布 2.08\u00a0%（2024-10-02）" in briefing.revision_lines(hebei, "zh")[0]  # Chinese brackets


def test_the_page_reads_its_latest_row_from_the_selection(payloads, result):
    """The payload's ``latest_row`` is the selection's latest used row, and the page's repost warning reads it:
    swapping in a repost source for that row alone makes the warning appear."""
    latest = result.selection.latest_row
    for payload in payloads.values():
        assert payload["latest_row"] == briefing.data_record(latest)
        assert payload["latest_row"]["year"] == result.latest_year == max(r["year"] for r in payload["data"] if r["used"])
    page = copy.deepcopy(payloads["en"])
    assert 'id="repost-only"' not in render.render_briefing(page, META, svg=False)
    page["latest_row"]["source_url"] = "http://www.szytly.com/longhuzhu/411357.html"  # a repost site
    assert 'id="repost-only"' in render.render_briefing(page, META, svg=False)


def test_the_methods_table_reads_a_lower_bound_short_of_the_target_on_the_briefing_and_the_dashboard(tmp_path):
    """河北's "超过1.5万家" (2024) against 16,000 in 2025: Open SDG and the UNSD editions cannot tell whether
    it is met, Eurostat's ratio and ESCAP's trend are on track whatever the true value; the briefing's
    methods table and the dashboard's row give the same categories and reasons, in both languages."""
    from sjzforecast import dashboard, paths

    plan = tmp_path / "plan.yaml"
    plan.write_text((paths.ROOT / "data/plans/hebei-14th.yaml").read_text(encoding="utf-8").replace(
        "target_value: 15000", "target_value: 16000"), encoding="utf-8")
    question = dict(region="河北", indicator="hightech_enterprises", targets=str(plan), target_year=2025, n_paths=200)
    result = sjzforecast.answer(sjzforecast.Question(**question))
    board = dashboard.build_dashboard(region="河北", targets_file=str(plan), n_paths=200)
    row = board.table.set_index("target_id").loc["hightech_enterprises"]
    expected = {"opensdg": "not_assessable", "eurostat": "on_track", "unsd2022": "not_assessable",
                "unsd2023": "not_assessable", "escap": "on_track"}
    assert {m: c for m, c in result.categories.items() if m in expected} == expected
    assert {m: row[f"category_{m}"] for m in result.categories} == result.categories
    for language, bound in (("zh", "下限（超过\u00a015,000\u00a0家）"), ("en", "lower bound (over\u00a015,000\u00a0units)")):
        rows = {r["method"]: r for r in briefing.assessment_rows(result, language)}
        reasons = dashboard.unassessable_reasons(board, language)["hightech_enterprises"]
        for method in ("opensdg", "unsd2022", "unsd2023"):
            assert bound in rows[method]["reason"] and reasons[method]["text"] == rows[method]["reason"]
        html = render.render_briefing(briefing.build_payload(result, language), META, svg=False)
        assert html.count(bound) >= 3


def test_the_print_svgs_of_one_page_share_no_id():
    """Inline in one page, two charts' clip ids ("clip1" in each) would clip each other's marks."""
    svg = '<svg x="1"><clipPath id="clip1"></clipPath><g clip-path="url(#clip1)"></g><linearGradient id="gradient_1"/></svg>'
    fan, bars = render.page_svg(svg, "fan-"), render.page_svg(svg, "bars-")
    assert 'id="fan-clip1"' in fan and 'url(#fan-clip1)' in fan and 'id="fan-gradient_1"' in fan
    ids = lambda markup: set(re.findall(r'id="([^"]+)"', markup))  # noqa: E731
    assert not ids(fan) & ids(bars)
    assert fan.startswith('<svg class="fallback" x="1">')


def test_the_chinese_headline_sets_no_space_between_a_unit_and_the_next_word():
    """"达到 4,000 家 的概率" read as two phrases; the number keeps its space before the unit."""
    from sjzforecast.i18n import t

    headline = t("headline", "zh", year=2025, level="4,000 家", p="93 %", phrase="很可能")
    assert "达到 4,000 家的概率为 93 %" in headline


def test_the_median_forecasts_growth_beside_the_growth_required_says_why_p_meet_is_below_one_half(result, payloads):
    """R&D intensity: the median grows slower than the 4.3 %/yr required, hence P(meet) under 50 %; the page,
    the notebook's headline and the explorer say it from one function."""
    growth = format_rate(result.lead_growth, "zh")
    line = briefing.forecast_context(result, "zh")
    assert line == (f"预测中位数：2025年为 {format_value(result.lead.value, '%', 'zh', 2)}，即自2023年起年均 {growth}；"
                    f"达标需年均 {format_rate(result.required_growth_from_latest, 'zh')}。")
    assert result.lead_growth < result.required_growth_from_latest and result.p_meet < 0.5
    html = render.render_briefing(payloads["en"], META, svg=False)
    assert f'<p class="note" id="forecast-context">{briefing.forecast_context(result, "en")}</p>' in html
    assert "against 4.3\u00a0%/yr required" in html
    shown = explore.explore_state_to_result(explore.initial_state(language="zh", n_paths=500))
    assert shown.ok and f"<li>{briefing.forecast_context(shown.answer, 'zh')}</li>" in explore.summary_html(shown)


def test_the_median_forecast_line_drops_the_requirement_where_the_target_is_met_and_other_scenarios_have_none():
    met = sjzforecast.answer(sjzforecast.Question(indicator="tech_contract_value", n_paths=500))
    assert met.latest_meets and briefing.forecast_context(met, "en").startswith("Median forecast: ")
    assert "required" not in briefing.forecast_context(met, "en")
    high = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", scenario="high", n_paths=500))
    assert briefing.forecast_context(high, "en") == ""


def test_the_median_forecast_line_reads_growth_from_a_lower_bound_as_a_bound():
    """National R&D expenditure, "超过3.92万亿元" in 2025 (a lower bound): growth from it is at most what it reads."""
    bounded = sjzforecast.answer(sjzforecast.Question(region="全国", indicator="rd_expenditure", target_year=2027,
                                                      target_value=45000, n_paths=300))
    assert bounded.latest_is_lower_bound and bounded.growth_bounds["lead_growth"] == "upper"
    line = briefing.forecast_context(bounded, "en")
    assert line.count("at most\u00a0") == 2 and f"{format_rate(bounded.lead_growth, 'en', 'upper')} from 2025" in line


def test_years_that_ended_without_a_figure_are_called_nowcasts_on_the_page_the_notebook_and_the_explorer(result):
    """Seen on 2026-11-28 the latest R&D intensity is for 2023: 2024 and 2025 have ended, so their values are
    nowcasts; seen from an ``as_of`` of mid-2021 (latest 2020), nothing has."""
    on = datetime.date(2026, 11, 28)
    assert result.nowcast_years(on) == [2024, 2025] and result.nowcast_years(datetime.date(2024, 3, 1)) == []
    assert briefing.nowcast_note(result, "en", on) == (
        "Nowcast: 2024–2025 ended, but the data hold no figure beyond 2023 yet; this page's values for 2024–2025 "
        "estimate the official figures still to come.")
    assert briefing.nowcast_note(result, "zh", on).startswith("临近预测：2024–2025年已经结束")
    then = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", as_of="2021-06-30", n_paths=300))
    assert then.latest_year == 2020 and briefing.nowcast_note(then, "en") == ""
    payload = briefing.build_payload(result, "en")
    html = render.render_briefing(payload, META, svg=False)
    if datetime.date.today().year >= 2025:  # the run's own date decides what has ended
        assert f'<p class="note" id="nowcast-note">{escape(briefing.nowcast_note(result, "en"))}</p>' in html
        shown = explore.explore_state_to_result(explore.initial_state(language="en", n_paths=300))
        assert f"<li>{briefing.nowcast_note(shown.answer, 'en')}</li>" in explore.summary_html(shown)


def test_the_fan_chart_shades_and_labels_the_nowcast_years(result):
    """2024-2025 (seen on 2026-11-28) are shaded from 2023.5 to 2025.5 behind the bands and labelled at the top, in
    the page's language, on the fan chart and the scenario chart; a year with data, or no ended year, gets no
    shade."""
    import vl_convert

    from sjzforecast import charts

    assert briefing.nowcast_span(result, datetime.date(2026, 11, 28)) == (2024, 2025)
    assert briefing.nowcast_span(result, datetime.date(2024, 6, 30)) is None
    for language, label in (("zh", "临近预测"), ("en", "nowcast")):
        chart = charts.fan_chart(briefing.observed_frame(result, language), result.forecast, 3.0, 2025,
                                 language=language, unit="%", nowcast=(2024, 2025))
        spec = chart.to_dict()
        shade = spec["layer"][0]
        assert shade["mark"]["type"] == "rect" and shade["encoding"]["x"]["scale"] == {"zero": False}
        rows = [r for d in spec["datasets"].values() for r in d if "start" in r]
        assert rows == [{"start": 2023.5, "end": 2025.5, "middle": 2024.5, "label": label}]
        svg = vl_convert.vegalite_to_svg(spec)
        assert f">{label}</text>" in svg
        axis = re.findall(r'<text[^>]*>(\d{4})</text>', svg)
        assert axis[0] >= "2000"  # the year axis does not start at 0 for the shade
    scenarios = charts.scenario_chart(result.scenario_frame(), "en", unit="%", nowcast=(2024, 2025)).to_dict()
    assert scenarios["layer"][0]["mark"]["type"] == "rect" and ">nowcast</text>" in vl_convert.vegalite_to_svg(scenarios)
    plain = charts.fan_chart(briefing.observed_frame(result, "en"), result.forecast, 3.0, 2025, language="en").to_dict()
    marks = [layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"] for layer in plain["layer"]]
    assert "rect" not in marks and "area" in marks


def test_the_forecast_table_marks_its_nowcast_years(result):
    """The rows of 2024 and 2025 (ended, no figure in the data) read "2024 nowcast"; 2026 on read as plain years."""
    payload = {**briefing.build_payload(result, "en"), "nowcast_years": result.nowcast_years(datetime.date(2026, 11, 28))}
    table = re.search(r'<table id="forecast">(.*?)</table>', render.render_briefing(payload, META, svg=False), re.S).group(1)
    years = re.findall(r"<tr><td>(.*?)</td>", table)
    assert years[:3] == ['2024 <small class="nowcast">nowcast</small>', '2025 <small class="nowcast">nowcast</small>',
                         "2026"]
    assert briefing.build_payload(result, "zh")["nowcast_years"] == result.nowcast_years()


def test_the_notebooks_forecast_table_marks_the_nowcast_years_as_the_page_does(result):
    from sjzforecast import notebook

    table = notebook.forecast_table(result, "zh")
    nowcasts = result.nowcast_years()
    assert list(table.index) == [f"{y} 临近预测" if y in nowcasts else str(y) for y in result.forecast.index]
    if datetime.date.today().year >= 2026:  # the run's own date decides what has ended
        assert list(table.index[:3]) == ["2024 临近预测", "2025 临近预测", "2026"]
