"""The explorer without a browser: choices, defaults, results, messages, save-as-params, widgets, notebook."""
import ast
import re

import nbformat
import pandas as pd
import papermill
import pytest
import yaml

import reading
import sjzforecast
from sjzforecast import batch, explore as ex, explore_widgets, paths
from sjzforecast.grid import expand_files
from sjzforecast.params import read_params_file
from sjzforecast.payload import read_payload
from sjzforecast.params import ParamsError, save_params


def _rows(region, indicator, years, values):
    return [dict(region=region, indicator=indicator, year=y, value=v, unit="", source_url="s", quote="q",
                 derived="") for y, v in zip(years, values)]


@pytest.fixture
def tiny_obs():
    """石家庄: a main series, a narrower one and a one-point one; 保定 with one main series."""
    return pd.DataFrame(_rows("石家庄", "rd_intensity", [2015, 2020, 2023], [1.8, 2.13, 2.76])
                        + _rows("石家庄", "rd_intensity_target", [2022, 2025], [2.5, 3.0])
                        + _rows("石家庄", "gdp_h1", [2023, 2024], [1.0, 2.0])
                        + _rows("石家庄", "innovative_enterprises", [2020], [233])
                        + _rows("保定", "gdp", [2020, 2024], [3000.0, 4000.0])
                        + _rows("唐山", "gdp", [2024], [9000.0]))


@pytest.fixture
def state():
    return ex.ExploreState(n_paths=2000)


# -- choices and defaults --------------------------------------------------------------------
def test_indicator_choices_are_main_series_with_two_points(tiny_obs, observations):
    assert ex.indicator_choices(tiny_obs, "石家庄") == ["rd_intensity"]
    assert ex.indicator_choices(tiny_obs, "唐山") == []
    real = ex.indicator_choices(observations, "石家庄")
    assert {"rd_intensity", "hightech_enterprises", "tech_sme", "gdp"} <= set(real)
    assert not [i for i in real if i.endswith(("_target", "_h1", "_q3", "_national"))]
    assert "innovative_enterprises" not in real  # one observation only
    assert "innovation_platforms" not in real  # 2013 is of another definition (flag d): one comparable year


def test_region_choices_put_the_plan_region_first(tiny_obs, observations):
    assert ex.region_choices(tiny_obs) == ["石家庄", "保定"]
    assert ex.region_choices(observations)[0] == "石家庄" and "河北" in ex.region_choices(observations)


def test_scenario_and_model_choices_come_from_the_library():
    assert ex.scenario_choices() == tuple(sjzforecast.scenarios.SCENARIOS)
    assert ex.model_choices() == ["auto", *sorted(sjzforecast.MODELS)]


@pytest.mark.parametrize("indicator, year, value, target_id", [
    ("rd_intensity", 2025, 3.0, "rd_intensity"),
    ("hightech_enterprises", 2025, 2499 + 1501, "hightech_enterprises"),
    ("tech_sme", 2025, 15000, "tech_sme"),
])
def test_target_defaults_come_from_targets_yaml(observations, targets, indicator, year, value, target_id):
    assert ex.target_defaults(observations, targets, "石家庄", indicator) == ex.TargetDefaults(year, value, target_id)


def test_a_growth_rate_target_becomes_a_level_that_moves_with_the_year(observations, targets):
    rd = sjzforecast.select_series(observations, "石家庄", "rd_expenditure").series
    assert ex.target_defaults(observations, targets, "石家庄", "rd_expenditure").target_value == pytest.approx(
        rd[2020] * 1.12**5)
    assert ex.plan_level(observations, targets, "石家庄", "rd_expenditure", 2027) == pytest.approx(rd[2020] * 1.12**7)


def test_without_a_plan_target_the_default_is_the_latest_value_after_the_data(tiny_obs, targets):
    assert ex.target_defaults(tiny_obs, targets, "保定", "gdp") == ex.TargetDefaults(2025, 4000.0, None)
    # the plan is 石家庄's: another region's rd_intensity gets no plan target
    assert ex.plan_level(tiny_obs, targets, "保定", "rd_intensity", 2025) is None


def test_initial_state_fills_the_parameters_left_none(observations, targets):
    plan = ex.initial_state(observations=observations, targets=targets)
    assert (plan.target_year, plan.target_value) == (2025, None)
    other = ex.initial_state(region="河北", indicator="rd_intensity", observations=observations, targets=targets)
    assert other.target_value == sjzforecast.select_series(observations, "河北", "rd_intensity").series.iloc[-1]
    assert ex.initial_state(target_year=2027, target_value=3.2, model="naive").target_value == 3.2


def test_state_is_hashable_and_keeps_options_as_sorted_pairs(state):
    s = state.replace(scenario="drivers", scenario_options={"rd_growth": 8, "gdp_growth": 5})
    assert s.scenario_options == (("gdp_growth", 5.0), ("rd_growth", 8.0))
    assert s.options == {"gdp_growth": 5.0, "rd_growth": 8.0}
    assert hash(s) == hash(state.replace(scenario="drivers", scenario_options={"gdp_growth": 5, "rd_growth": 8}))


# -- results ---------------------------------------------------------------------------------
def test_result_is_the_answer_of_the_states_question(state, observations, targets):
    result = ex.explore_state_to_result(state, observations, targets)
    assert result.ok and result.message == ""
    direct = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", n_paths=2000))
    assert result.probability == direct.p_meet and result.categories == tuple(direct.categories.items())
    assert result.required_growth == pytest.approx(100 * ((3.0 / 2.76) ** 0.5 - 1))
    spec = result.chart.to_dict()
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert len(rules) == 1 and list(spec["datasets"][rules[0]["data"]["name"]][0].values()) == [3.0]


def test_every_control_reaches_the_result(state, observations, targets):
    def result(**changes):
        return ex.explore_state_to_result(state.replace(**changes), observations, targets)

    base = result()
    assert result(target_value=2.9).probability > base.probability > result(target_value=3.2).probability
    assert result(target_year=2027).answer.target.year == 2027
    assert result(target_year=2027).required_growth < base.required_growth
    assert result(model="naive").answer.model.name == "naive"
    levels = result(levels=(90,)).answer.forecast.columns
    assert list(levels) == ["mean", "lo-90", "hi-90"]
    assert "Forecast (median)" in str(result(language="en").chart.to_dict())
    assert result(indicator="hightech_enterprises").answer.target.level == 4000


@pytest.mark.parametrize("changes, error, zh, en", [
    (dict(scenario="growth", scenario_options={"growth_rate": -120}), r"growth_rate = -120.0: .*above -100 %",
     "“假设年均增速 (%)”为 -120 %，须大于 -100 %。", "Assumed growth (% a year) is -120 %; it must be above -100 %."),
    (dict(scenario="drivers", scenario_options={"rd_growth": 5, "gdp_growth": -100}), r"gdp_growth = -100.0: ",
     "“GDP 年均增速 (%)”为 -100 %", "GDP growth (% a year) is -100 %"),
    (dict(scenario="bau", scenario_options={"rd_growth": 5}), r"scenario 'bau' takes no options \['rd_growth'\]",
     "的值 ['rd_growth'] 无法计算。程序的说明：<q lang=\"en\">scenario 'bau' takes no options",
     "scenario_options = ['rd_growth'] cannot be computed: scenario 'bau' takes no options"),
    (dict(target_year=2019), r"target_year = 2019: before the last observation .* \(2023\); choose 2023",
     "目标年份 2019 早于最新观测年份 2023；请选择 2023–2053 年。",
     "The target year 2019 is before the latest observation (2023); choose a year from 2023 to 2053."),
    (dict(target_year=2090), r"more than 30 years past", "最多可选 2053 年", "choose at most 2053"),
    (dict(indicator="innovative_enterprises"), r"1 observation\(s\) .* at least 2 years",
     "石家庄的“创新型企业”只有 1 年的观测（2020），预测至少需要 2 年。",
     "Innovative enterprises of Shijiazhuang has 1 observed year(s) (2020); a forecast needs at least 2."),
    (dict(indicator="moonshots"), r"indicator = 'moonshots': no observations",
     "石家庄没有指标“moonshots”的观测数据；请在“指标”中选择该地区的",
     "Shijiazhuang has no observations of the indicator “moonshots”; choose one of its"),
    (dict(region="保定"), r"no plan target for 'rd_intensity' in '保定': give a level",
     "保定没有“研发经费投入强度”的规划目标；请在“目标”中输入目标值。",
     "Baoding has no plan target for R&amp;D intensity; enter a level under Target."),
    (dict(region="火星"), r"region = '火星': no observations", "没有地区“火星”的观测数据；请在“地区”中选择：石家庄、",
     "There are no observations for the region “火星”; choose one of: Shijiazhuang, "),
    (dict(levels=()), r"between 1 and 4 confidence levels \(got 0\)", "请选择 1 至 4 个置信水平（已选 0 个）",
     "Choose 1 to 4 confidence levels (0 chosen)"),
    (dict(levels=(50, 80, 90, 95, 99)), r"\(got 5\)", "已选 5 个", "5 chosen"),
    (dict(levels=(0, 80)), r"levels must be percentages", "置信水平 0、80 无效", "The confidence levels 0, 80 are not"),
    (dict(model="nope"), r"model = 'nope': no such model", "没有名为“nope”的模型；可选：auto、arima、",
     "There is no model named “nope”; choose one of: auto, arima, "),
    (dict(scenario="moonshot"), r"scenario = 'moonshot': no such scenario; known: \['bau', 'target_path', 'growth'",
     "没有名为“moonshot”的情景；可选：基准情景（延续趋势）、", "There is no scenario named “moonshot”; choose one of: Business as usual, "),
    (dict(indicator="gdp", scenario="drivers", scenario_options={"rd_growth": 5, "gdp_growth": 5}),
     "applies to ratio indicators", "驱动因素情景只适用于比率指标（研发经费投入强度）。",
     "The drivers scenario applies only to ratio indicators (R&amp;D intensity)."),
])
def test_bad_input_gives_a_message_in_the_views_language_not_a_traceback(state, observations, targets, changes,
                                                                       error, zh, en):
    for language, expected in (("zh", zh), ("en", en)):
        result = ex.explore_state_to_result(state.replace(language=language, **changes), observations, targets)
        assert not result.ok and result.chart is None and result.probability is None
        assert re.search(error, result.error), result.error  # the library's own message, as logged
        assert expected in result.message, result.message
        shown = ex.summary_html(result)
        assert ("⚠ 无法计算：" if language == "zh" else "⚠ Cannot compute this scenario: ") in re.sub("<[^>]+>", "", shown)
        outside_quotes = re.sub("<[^>]+>", "", re.sub(r'<q lang="en">.*?</q>', "", shown))
        if language == "zh":  # only identifiers (the value typed, the models' ids) and GDP stay in Latin letters
            allowed = {*ex.model_choices(), "GDP", "moonshots", "moonshot", "nope", "rd_growth", "scenario_options"}
            assert not set(re.findall(r"[A-Za-z_]{3,}", outside_quotes)) - allowed
        else:
            assert not re.search(r"[\u4e00-\u9fff]", outside_quotes.replace("火星", ""))


def test_progress_categories_by_every_method(state, observations, targets):
    from sjzforecast import progress

    result = ex.explore_state_to_result(state, observations, targets)
    assert [m for m, _ in result.categories] == list(progress.METHODS)
    assert {c for _, c in result.categories} <= set(progress.CATEGORIES)
    summary = ex.summary_html(result)
    assert "Open SDG 进展评估法（加拿大统计局）：进展顺利" in summary  # method and category in the explorer language
    assert "opensdg" not in summary and "probability:" not in summary


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_summary_speaks_one_language_and_writes_the_target_as_the_headline_does(state, observations, targets,
                                                                                    language):
    result = ex.explore_state_to_result(state.replace(language=language), observations, targets)
    summary = re.sub(r"<[^>]+>", " ", ex.summary_html(result))
    if language == "en":
        assert not re.search(r"[\u4e00-\u9fff]", summary.replace("R&amp;D", ""))
        assert "Target: 3.00\xa0% in 2025" in summary and "Why this model:" in summary
    else:
        assert not [w for w in re.findall(r"[A-Za-z]{3,}", summary) if w not in {"Open", "SDG", "Theta"}]
        assert "目标：2025年达到 3.00\xa0%" in summary and "自动选择的依据" in summary
    assert "3.00\xa0%" in ex.summary_html(result).split("</b>")[0]  # the headline writes the target the same way


def test_summary_and_static_view_show_the_numbers(state, observations, targets):
    result = ex.explore_state_to_result(state.replace(language="en"), observations, targets)
    summary = ex.summary_html(result)
    text = summary.replace("\xa0", " ")  # numbers and their units are joined by no-break spaces
    assert f"{100 * result.probability:.0f} % (" in text
    assert f"Required growth from the latest observation (2023)</th><td>{result.required_growth:.1f} %/yr" in text
    assert "Required growth from the base year (2020)</th><td>7.1 %/yr" in text
    assert "2.76\u00a0% used, also 2.52\u00a0%" in summary  # the 2023 conflict is shown
    static = ex.static_html(result)
    assert static.startswith(ex.intro_html("en") + summary) and "<svg" in static and "R&amp;D intensity" in static


def test_messages_are_escaped_and_an_unforeseen_error_is_quoted(state, observations):
    zh = ex.summary_html(ex.failed_result(state, ValueError("<b>bad</b>"), observations))
    assert "程序的说明（ValueError）：<q lang=\"en\">&lt;b&gt;bad&lt;/b&gt;</q>" in zh
    en = ex.summary_html(ex.failed_result(state.replace(language="en"), ValueError("<b>bad</b>"), observations))
    assert "ValueError: &lt;b&gt;bad&lt;/b&gt;" in en and "<q" not in en


# -- save as params --------------------------------------------------------------------------
def test_the_state_asks_a_question_with_the_same_names(state):
    doc = state.replace(target_value=3.2, levels=(90,)).question().to_params()
    assert doc == dict(n_paths=2000, target_value=3.2, levels=[90])
    assert state.question().to_params() == {"n_paths": 2000}  # None: the plan target


def test_save_writes_valid_params_and_refuses_to_overwrite(state, tmp_path):
    path = ex.save_state_as_params(state.replace(target_value=3.2), "mine", tmp_path)
    assert path == tmp_path / "mine.yaml"
    assert read_params_file(path) == state.replace(target_value=3.2).question().to_params()
    assert path.read_text(encoding="utf-8").startswith("# Saved from notebooks/explore.ipynb")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        ex.save_state_as_params(state, "mine", tmp_path)
    assert read_params_file(path)["target_value"] == 3.2
    ex.save_state_as_params(state, "mine", tmp_path, overwrite=True)
    assert "target_value" not in read_params_file(path)


@pytest.mark.parametrize("changes, name, message", [
    (dict(target_year=2019), "early", "target_year = 2019: before"),
    (dict(), "../escape", "not a safe file name"),
    (dict(scenario="moonshot"), "moonshot", "scenario = 'moonshot': no such scenario"),
])
def test_save_refuses_what_the_batch_could_not_run(state, tmp_path, changes, name, message):
    with pytest.raises(ParamsError, match=message):
        ex.save_state_as_params(state.replace(**changes), name, tmp_path / "params")
    assert list(tmp_path.rglob("*")) == []


def test_save_params_checks_the_schema_before_writing(tmp_path):
    with pytest.raises(ParamsError, match="unknown key 'colour'"):
        save_params({"indicator": "rd_intensity", "colour": "red"}, tmp_path / "a.yaml")
    with pytest.raises(ParamsError, match="is not of type int"):
        save_params({"target_year": "soon"}, tmp_path / "a.yaml")
    with pytest.raises(ParamsError, match=r"\.yaml or \.yml"):
        save_params({}, tmp_path / "a.txt")
    assert list(tmp_path.iterdir()) == []


def test_saved_params_become_a_briefing_with_the_same_probability(state, tmp_path, observations, targets):
    chosen = state.replace(indicator="hightech_enterprises", target_value=3800.0, language="en")
    seen = ex.explore_state_to_result(chosen, observations, targets)
    path = ex.save_state_as_params(chosen, "explored", tmp_path / "params")
    [spec] = expand_files([path], read_params_file)
    run = batch.execute_run(spec, tmp_path / "reports")
    assert run.status == "ok", run.error
    assert (tmp_path / "reports" / "explored.html").is_file()
    payload = read_payload(tmp_path / "reports" / run.notebook)
    assert payload["probability"] == seen.probability
    assert payload["target"]["level"] == 3800.0


# -- widgets ---------------------------------------------------------------------------------
@pytest.fixture
def explorer(observations, targets):
    box = explore_widgets.build_explorer(ex.ExploreState(n_paths=1000), observations, targets)
    return box.explorer


def test_the_explorer_starts_on_the_default_scenario(explorer):
    assert explorer.result.ok and explorer.target_value.value == 3.0
    assert "<svg" in explorer.chart.value and "%" in explorer.summary.value
    assert [w.disabled for w in explorer.growth.values()] == [True, True, True]  # bau takes no growth


def test_indicator_and_region_reset_the_target_controls(explorer):
    explorer.indicator.value = "hightech_enterprises"
    assert explorer.target_value.value == 4000 and explorer.state().target_value is None
    assert explorer.result.answer.target.level == 4000
    explorer.region.value = "河北"
    values = [v for _, v in explorer.indicator.options]
    assert "hightech_enterprises" in values and explorer.indicator.value == "hightech_enterprises"
    assert explorer.state().target_value == explorer.result.answer.latest_value  # no plan: the latest value
    assert explorer.result.ok


def test_target_controls(explorer):
    explorer.indicator.value = "rd_expenditure"
    explorer.target_year.value = 2026  # a growth-rate target follows the year
    assert explorer.target_value.value == pytest.approx(explorer.result.answer.target.level)
    assert explorer.state().target_value is None
    explorer.target_value.value = 250.0
    assert explorer.state().target_value == 250.0 and explorer.result.answer.target.level == 250.0
    explorer.target_year.value = 2015
    assert not explorer.result.ok and "目标年份 2015 早于最新观测年份 2023" in explorer.summary.value
    assert explorer.chart.value == ""


def test_model_levels_language_and_scenario_controls(explorer):
    explorer.model.value = "naive"
    assert explorer.result.answer.model.name == "naive"
    explorer.levels.value = (80,)
    assert list(explorer.result.answer.forecast.columns) == ["mean", "lo-80", "hi-80"]
    explorer.language.value = "en"
    assert "On current trends" in explorer.summary.value
    explorer.scenario.value = "target_path"
    assert explorer.result.state.scenario == "target_path" and explorer.result.ok


def test_the_save_button_writes_params_and_reports(explorer, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PARAMS_DIR", tmp_path)
    assert explorer.save_name.value == "explore_rd_intensity_2025_bau"
    explorer.save_button.click()
    assert (tmp_path / "explore_rd_intensity_2025_bau.yaml").is_file() and "已保存" in explorer.save_status.value
    explorer.save_button.click()
    assert "已存在；勾选“覆盖已有文件”后再保存" in explorer.save_status.value
    explorer.overwrite.value = True
    explorer.language.value = "en"
    explorer.save_button.click()
    assert "Saved <code>" in explorer.save_status.value
    explorer.save_name.value = "../up"
    explorer.save_button.click()
    assert "The file name “../up” cannot be used" in explorer.save_status.value
    explorer.save_name.value, explorer.target_year.value = "early", 2015
    explorer.save_button.click()
    assert "The target year 2015 is before the latest observation" in explorer.save_status.value


@pytest.mark.parametrize("indicator, message", [("innovative_enterprises", "只有 1 年的观测（2020）"),
                                                ("moonshots", "石家庄没有指标“moonshots”的观测数据")])
def test_notebook_parameters_without_a_forecast_open_on_a_message(observations, targets, indicator, message):
    state = ex.initial_state(indicator=indicator, n_paths=500, observations=observations, targets=targets)
    box = explore_widgets.build_explorer(state, observations, targets)
    assert box.explorer.indicator.value == indicator and message in box.explorer.summary.value
    assert message in box._repr_mimebundle_()["text/html"]


def test_the_box_carries_a_static_fallback(explorer):
    bundle = explorer.box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "<svg" in bundle["text/html"] and explorer.summary.value in bundle["text/html"]


def test_without_ipywidgets_the_explorer_is_static(monkeypatch, observations, targets):
    monkeypatch.setattr(explore_widgets, "widgets", None)
    view = explore_widgets.build_explorer(ex.ExploreState(n_paths=500), observations, targets)
    assert isinstance(view, explore_widgets.StaticExplorer) and "<svg" in view._repr_html_()


# -- notebook --------------------------------------------------------------------------------
NOTEBOOK = paths.NOTEBOOKS_DIR / "explore.ipynb"


def test_the_notebook_holds_no_logic():
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
    for cell in nb.cells:
        if cell.cell_type == "code":
            tree = ast.parse(cell.source)
            assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]


def test_the_notebook_runs_under_papermill_and_shows_the_scenario_statically(tmp_path):
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"indicator": "tech_sme", "language": "en"},
                               kernel_name="python3", cwd=str(paths.NOTEBOOKS_DIR), progress_bar=False)
    html = [o["data"]["text/html"] for c in nbformat.read(str(out), as_version=4).cells
            for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert len(html) == 1 and "<svg" in html[0] and "15,000\xa0units" in html[0] and "Probability of meeting" in html[0]
    assert "<h2>Explore scenarios</h2>" in html[0]  # the introduction, in English
    # offline: nothing in the output makes a browser fetch (the SVG's xmlns names are not fetched)
    assert not re.findall(r"""(?:src|href|action)=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", html[0])


def test_a_chinese_run_of_the_notebook_reads_in_chinese(tmp_path):
    """The introduction, the static view and every comment of the notebook's own cells (bilingual
    parameter comments) are in Chinese; papermill's injected cell is papermill's."""
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"language": "zh"},
                               kernel_name="python3", cwd=str(paths.NOTEBOOKS_DIR), progress_bar=False)
    shown = reading.shown(out)
    assert [text for text in shown if "<h2>情景探索</h2>" in text and "达标概率" in text]  # intro and summary
    assert not [(text[:80], words) for text in shown if (words := reading.english_words(text))]
    own_cells = [c for c in nbformat.read(str(out), as_version=4).cells
                 if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])]
    comments = [line.split("#", 1)[1] for c in own_cells for line in c.source.splitlines() if "  # " in line]
    assert comments and not [c for c in comments if not re.search(r"[\u4e00-\u9fff]", c)]


def test_drivers_scenario_runs_through_the_real_library(state, observations, targets):
    drivers = state.replace(indicator="rd_intensity", scenario="drivers",
                            scenario_options={"rd_growth": 12, "gdp_growth": 6})
    result = ex.explore_state_to_result(drivers, observations, targets)
    assert result.ok, result.message
    frame = result.answer.scenario_frame()
    path = frame[frame["scenario"] == "drivers"].set_index("year")["value"]
    assert path[2025] == pytest.approx(2.76 * (1.12 / 1.06) ** 2)


@pytest.mark.parametrize("scenario, options, expected", [
    ("growth", {"growth_rate": 7.5}, {"growth_rate": 7.5}),
    ("drivers", {"rd_growth": 10, "gdp_growth": 6}, {"rd_growth": 10.0, "gdp_growth": 6.0}),
])
def test_scenario_options_are_saved_as_briefing_parameters(state, tmp_path, scenario, options, expected):
    path = ex.save_state_as_params(state.replace(scenario=scenario, scenario_options=options), "s", tmp_path)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["scenario"] == scenario and expected.items() <= saved.items()


def _control_texts(widget) -> list[str]:
    """What the controls under ``widget`` say: descriptions, the choices' labels and headings (not the summary or
    the chart), without the indicator ids that lead an indicator's label."""
    texts = [getattr(widget, "description", ""), *getattr(widget, "_options_labels", ())]
    if type(widget).__name__ == "HTML" and "<b>" in widget.value:
        texts.append(widget.value)
    for child in getattr(widget, "children", ()):
        texts += _control_texts(child)
    return [re.sub(r"^[a-z0-9_]+ · |</?b>", "", text) for text in texts if text]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_control_speaks_the_views_language_and_follows_a_switch(explorer, language):
    explorer.region.value, explorer.indicator.value = "河北", "hightech_enterprises"
    explorer.target_value.value, explorer.target_year.value, explorer.model.value = 30000.0, 2027, "naive"
    chosen = explorer.state()
    explorer.language.value = "en"
    explorer.language.value = language
    assert explorer.state() == chosen.replace(language=language)  # a switch of language keeps every choice
    controls = [explorer.box.children[1], explorer.box.children[4]]  # the controls and the save row
    texts = [text for box in controls for text in _control_texts(box)]
    assert explorer.language.value == language and explorer.result.state.language == language
    assert explorer.box.children[0] is explorer.intro and explorer.intro.value == ex.intro_html(language)
    if language == "zh":  # Latin letters only in names that Chinese text writes so, and the language's own name
        latin = {w for text in texts for w in re.findall(r"[A-Za-z]{2,}", text)}
        assert latin <= {"GDP", "Theta", "ARIMA", "ETS", "Logit", "English", "SDG"}, latin
        assert {"地区", "指标", "情景", "模型", "置信水平", "保存为参数文件", "基准情景（延续趋势）", "随机游走", "河北"} <= set(texts)
    else:
        assert not [text for text in texts if re.search(r"[\u4e00-\u9fff]", text) and text != "中文"]
        assert {"Region", "Indicator", "Scenario", "Model", "Confidence levels", "Save as params",
                "Business as usual", "Hebei", "random walk"} <= set(texts)


def test_the_model_row_names_the_model_and_auto_gives_its_reason_apart(state, observations, targets):
    for language, model, why in (("zh", "<th style='text-align:left'>模型</th><td>自动选择</td>", "<li>自动选择的依据："),
                                 ("en", "<th style='text-align:left'>Model</th><td>chosen automatically</td>",
                                  "<li>Why this model: ")):
        summary = ex.summary_html(ex.explore_state_to_result(state.replace(language=language), observations, targets))
        assert model in summary and why in summary
    naive = ex.summary_html(ex.explore_state_to_result(state.replace(model="naive"), observations, targets))
    assert "<td>随机游走</td>" in naive and "自动选择的依据" not in naive


@pytest.mark.parametrize("indicator, language", [("rd_intensity", "zh"), ("tech_contract_value", "en")])
def test_the_summary_shows_the_briefings_numbers_and_notes(observations, targets, indicator, language):
    from sjzforecast import briefing
    from sjzforecast.formats import format_rate

    state = ex.ExploreState(indicator=indicator, language=language)  # the params files' question, 10,000 paths
    result = ex.explore_state_to_result(state, observations, targets)
    payload = briefing.build_payload(sjzforecast.answer(sjzforecast.Question(indicator=indicator, language=language)),
                                     language)
    summary = ex.summary_html(result).replace("&amp;", "&")
    assert payload["headline"] in summary and payload["target"]["line"] in summary
    for key in ("required_growth_from_latest", "required_growth_from_base", "recent_growth"):
        assert f"<td>{format_rate(payload[key], language)}</td>" in summary
    if indicator == "tech_contract_value":  # already met in 2023, by a value from a repost site alone
        assert "Already met in 2023: any growth at or above this still meets it" in summary
        assert "comes from a repost site only (www.chinaphonesale.com)" in summary


@pytest.mark.parametrize("language, foreign", [("zh", r"[A-Za-z]{2,}"), ("en", r"[\u4e00-\u9fff]")])
def test_the_chart_speaks_the_views_language(state, observations, targets, language, foreign):
    svg = ex.render_svg(ex.explore_state_to_result(state.replace(language=language), observations, targets).chart)
    shown = re.findall(r"<text[^>]*>([^<]*)</text>", svg) + re.findall(r'aria-label="([^"]*)"', svg)
    assert len(shown) > 10 and not [s for s in shown if re.search(foreign, s.replace("R&amp;D", ""))], shown
    assert re.search(r'^<svg role="img" aria-label="[^"]+"', svg)  # the chart is described by its title


def test_the_chart_svg_is_labelled_with_its_whole_title_even_when_it_takes_two_lines():
    from sjzforecast import charts
    from sjzforecast.i18n import t
    frame = pd.DataFrame({"year": [2024, 2025, 2026], "probability": [0.2, 0.5, 0.7]})
    chart = charts.first_passage_chart(frame, 2025, language="en")
    assert isinstance(chart.to_dict()["title"], list)  # too long for one line on a phone
    label = re.search(r'<svg role="img" aria-label="([^"]*)"', ex.render_svg(chart)).group(1)
    assert label == t("first_passage", "en")


def test_the_summary_says_p_meet_is_not_known_where_a_lower_bound_in_the_target_year_cannot_tell():
    """河北's "突破12.7万家" tech SMEs (2025) against 150,000 in 2025: the explorer, as the briefing, says
    P(meet) is not known, not 0 %."""
    from sjzforecast.i18n import t

    state = ex.ExploreState(region="河北", indicator="tech_sme", target_value=150000, target_year=2025, n_paths=200)
    result = ex.explore_state_to_result(state)
    assert result.answer is not None and result.answer.p_meet is None
    for language in ("zh", "en"):
        rows = dict(ex.summary_rows(result.answer, language))
        shown = rows[t("p_meet_in_year", language, year=2025)]
        assert shown.startswith(t("p_meet_unknown", language)) and t("met_unknown", language) in shown
