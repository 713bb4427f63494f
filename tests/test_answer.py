import ast
import dataclasses
import json
import re

import nbformat
import pandas as pd
import pytest

import sjzforecast
from sjzforecast import paths
from sjzforecast.answer import answer, choose_base_year, growth_basis, p_reached_by
from sjzforecast.errors import SjzforecastError
from sjzforecast.progress.targets import resolve_target, target_level_in_year
from sjzforecast.question import Question


def ask(**fields):
    return answer(Question(**{"n_paths": 2000, **fields}))


@pytest.fixture(scope="module")
def rd():
    return answer(Question(indicator="rd_intensity", target_year=2025))


def test_rd_intensity_2025_gives_todays_numbers(rd):
    """The numbers of the briefing (10 000 paths, seed 0; peers from the provincial panel to 2024)."""
    assert rd.target.level == 3.0 and rd.target.year == 2025 and rd.unit == "%"
    assert rd.p_meet == 0.4316
    assert rd.p_reached_by[2025] == 0.4868  # reached at least once by 2025: not the same as P(meet)
    assert rd.required_growth_from_latest == pytest.approx(100 * ((3.0 / 2.76) ** 0.5 - 1))  # 4.26 %/yr
    assert rd.base_year == 2020
    assert rd.required_growth_from_base == pytest.approx(100 * ((3.0 / 2.13) ** 0.2 - 1))  # 7.09 %/yr
    assert list(rd.categories) == list(sjzforecast.METHODS)
    assert rd.categories["opensdg"] == "on_track" and rd.categories["probability"] == "acceleration_needed"
    assert list(rd.forecast.index) == list(range(2024, 2031))
    assert rd.target_path[2025] == 3.0


def test_every_registered_method_is_assessed_on_the_answers_paths(rd):
    assert list(rd.assessments["method"]) == list(sjzforecast.METHODS)
    probability = rd.assessments.set_index("method").loc["probability", "probability"]
    assert probability == rd.p_meet


def test_answer_json_has_the_published_fields(rd):
    block = json.loads(json.dumps(rd.to_json()))
    for key in ("indicator", "region", "scenario", "target_year", "target_level", "unit", "latest_year",
                "latest_value", "p_meet", "p_reached_by", "scenario_value", "scenario_meets",
                "required_growth_from_latest", "required_growth_from_base", "categories"):
        assert key in block
    assert block["p_reached_by"]["2025"] == 0.4868 and block["latest_value"] == 2.76


@pytest.mark.parametrize("scenario, fields", [
    ("high", {}), ("low", {}), ("target_path", {}), ("drivers", {"rd_growth": 12.0, "gdp_growth": 6.0}),
    ("growth", {"growth_rate": 5.0}),
])
def test_the_asked_scenario_leads(scenario, fields):
    result = ask(indicator="rd_intensity", scenario=scenario, **fields)
    summary = result.scenario_summary()
    lead = result.lead
    assert lead.scenario == scenario and lead.value == summary.loc[scenario, "2025"]
    assert lead.meets == summary.loc[scenario, "meets_target"]
    assert lead.gap == pytest.approx(lead.value - 3.0)
    assert lead.quantile == {"high": 0.9, "low": 0.1}.get(scenario)
    assert result.to_json()["scenario_value"] == lead.value


def test_p_reached_by_counts_paths_that_have_reached_the_level():
    import pandas as pd

    paths = pd.DataFrame([[1, 2, 3], [1, 1, 1], [3, 0, 0], [0, 0, 5]], columns=[2024, 2025, 2026])
    assert list(p_reached_by(paths, 2.5, "increase")) == [0.25, 0.25, 0.75]
    assert list(p_reached_by(paths, 0.5, "decrease")) == [0.25, 0.5, 0.5]


def test_base_year_rule():
    import pandas as pd

    def series(*years):
        return pd.Series(range(1, len(years) + 1), index=list(years), dtype=float)

    assert choose_base_year(series(2015, 2020, 2023), 2020) == 2020
    assert choose_base_year(series(2015, 2021, 2023), 2020) == 2021  # the first observation after the plan's base
    assert choose_base_year(series(2015, 2023), 2020) == 2015  # only the latest is after it: the first observation
    assert choose_base_year(series(2015, 2021, 2023), None) == 2015  # a user target: the first observation


def test_growth_basis_says_how_the_year_used_relates_to_the_plans_base_year_in_each_language():
    """Every page words the year growth is measured from with one function (i18n.growth_since)."""
    from sjzforecast.i18n import growth_since

    def basis(*years, plan=2020):
        return growth_basis(pd.Series(1.0, index=list(years)), plan)

    cases = {(2015, 2020, 2023): ("plan_base", 2020, "自基期（2020年）起", "from the base year (2020)"),
             (2015, 2021, 2023): ("after_plan_base", 2021, "自2021年起（规划基期2020年无观测值）",
                                  "from 2021 (no observation in the plan's 2020 base)"),
             (2013, 2019, 2020): ("before_plan_base", 2013, "自2013年起（规划基期2020年起仅1个观测值）",
                                  "from 2013 (one observation since the plan's 2020 base)"),
             (2013, 2019): ("before_plan_base", 2013, "自2013年起（规划基期2020年起无观测值）",
                            "from 2013 (no observation since the plan's 2020 base)")}
    for years, (code, year, zh, en) in cases.items():
        b = basis(*years)
        assert (b.code, b.year, b.pre_plan) == (code, year, code == "before_plan_base")
        assert growth_since(b, "zh") == zh and growth_since(b.to_json(), "en") == en
        assert (b.caveat is not None) == b.pre_plan
    first = basis(2015, 2021, plan=None)
    assert (first.code, first.year) == ("first_observation", 2015)
    assert growth_since(first, "en") == "from the first observation (2015)"


def test_incubators_measure_growth_from_2013_and_every_number_says_so(observations, targets):
    """石家庄's incubators: 14 in 2013, 38 in 2020 and nothing later, so 'achieved growth since the base
    year' is (38/14)^(1/7) - 1 = 15.3 %/yr from 2013, and the methods use 2013 too."""
    a = answer(Question(indicator="incubators", target_year=2025, n_paths=500), observations, targets)
    assert (a.target.base_year, a.base_year, a.growth_basis.code) == (2020, 2013, "before_plan_base")
    assert a.achieved_growth_from_base == pytest.approx(100 * ((38 / 14) ** (1 / 7) - 1))
    assert round(a.achieved_growth_from_base, 1) == 15.3
    assert a.to_json()["growth_basis"] == {"year": 2013, "code": "before_plan_base", "plan_base_year": 2020,
                                           "observations_since_plan": 1}


def test_cumulative_and_growth_rate_targets_become_levels(observations, targets):
    hte = sjzforecast.select_series(observations, "石家庄", "hightech_enterprises").series
    row = sjzforecast.data.find_target(targets, "hightech_enterprises")
    assert resolve_target(row, hte, 2025).level == 2499 + 1501
    rd = sjzforecast.select_series(observations, "石家庄", "rd_expenditure").series
    row = sjzforecast.data.find_target(targets, "rd_expenditure_growth")
    assert resolve_target(row, rd, 2025).level == pytest.approx(rd[2020] * 1.12**5)


def test_a_growth_rate_target_shows_its_level_in_the_indicators_unit():
    result = ask(indicator="rd_expenditure", n_paths=300)
    assert result.unit == "亿元" and result.to_json()["unit"] == "亿元"
    assert result.required_growth_from_base == pytest.approx(12.0)


def test_every_scenario_in_one_tidy_frame():
    result = ask(indicator="rd_intensity", rd_growth=12.0, gdp_growth=6.0, growth_by_year={"2024-2030": 5.0})
    frame = result.scenario_frame()
    assert set(frame["scenario"]) == {"bau", "target_path", "growth", "high", "low", "drivers"}
    wide = frame.pivot_table(index="year", columns="scenario", values="value")
    assert (wide["low"].dropna() < wide["bau"].dropna()).all() and (wide["bau"].dropna() < wide["high"].dropna()).all()
    assert wide.loc[2025, "drivers"] == pytest.approx(2.76 * (1.12 / 1.06) ** 2)
    assert wide.loc[2030, "growth"] == pytest.approx(2.76 * 1.05**7)
    summary = result.scenario_summary()
    assert list(summary.columns) == ["2025", "2030", "meets_target"]
    assert summary.loc["target_path", "meets_target"] and not summary.loc["low", "meets_target"]


def test_drivers_gdp_growth_defaults_to_the_data(observations):
    result = ask(indicator="rd_intensity", n_paths=500, rd_growth=12.0)
    frame = result.scenario_frame().query("scenario == 'drivers'").set_index("year")["value"]
    gdp = sjzforecast.select_series(observations, "石家庄", "gdp").series
    g = (gdp[2025] / gdp[2022]) ** (1 / 3) - 1
    assert frame[2025] == pytest.approx(2.76 * (1.12 / (1 + g)) ** 2)


@pytest.mark.parametrize("fields, message", [
    (dict(scenario="hihg"), r"scenario = 'hihg': no such scenario; .*did you mean 'high'"),
    (dict(indicator="rd_intensty"), r"indicator = 'rd_intensty': .*did you mean 'rd_intensity'"),
    (dict(model="dampd"), r"model = 'dampd': .*did you mean 'damped'"),
    (dict(target="tech_smee"), r"target = 'tech_smee': .*did you mean 'tech_sme'"),
    (dict(indicator="hightech_enterprises", scenario="drivers"), "applies to ratio indicators"),
    (dict(scenario="growth"), "needs growth_rate or growth_by_year"),
    (dict(growth_rate=-150.0), "at or below -100 %"),
    (dict(growth_by_year={"2026-2024": 5.0}), "ends before it starts"),
    (dict(rd_growth=-100), "at or below -100 %"),
    (dict(high_quantile=0.2, low_quantile=0.3), "need 0 < low < high < 1"),
    (dict(target_year=2019), r"target_year = 2019: before the last observation .* \(2023\)"),
    (dict(target_year=2054), r"target_year = 2054: more than 30 years past the last observation \(2023\)"),
    (dict(end_year=2101), "years after 2100"),
    (dict(target_value=0.0, target_year="2025"), r"target_year = '2025': expected int"),
    (dict(as_of="yesterday"), "ISO date"),
    (dict(levels=(80, 120)), "levels"),
    (dict(region="河北"), "no plan target for 'rd_intensity' in '河北'"),
    (dict(region="河北", target="rd_intensity"), "belongs to the plan of"),
])
def test_a_bad_question_is_refused_naming_key_and_value(fields, message):
    with pytest.raises(SjzforecastError, match=message):
        Question(**fields)


def test_the_briefing_notebooks_parameters_are_the_questions_fields():
    nb = nbformat.read(paths.NOTEBOOKS_DIR / "indicator_briefing.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell_fields = [(n.target.id, ast.unparse(n.annotation), ast.literal_eval(n.value))
                   for n in ast.parse(cell.source).body if isinstance(n, ast.AnnAssign)]
    question_fields = [(f.name, f.type, f.default_factory() if f.default is dataclasses.MISSING else f.default)
                       for f in dataclasses.fields(Question)]
    assert cell_fields == question_fields


# --- target semantics in any year --------------------------------------------------------------


def test_level_target_holds_or_continues_its_pace():
    assert target_level_in_year("level", 3.0, 2020, 2.13, 2025, 2030) == 3.0
    assert target_level_in_year("level", 3.0, 2020, 2.13, 2025, 2030, mode="pace") == pytest.approx(
        2.13 * (3.0 / 2.13) ** 2)
    assert target_level_in_year("level", 3.0, 2020, 2.13, 2025, 2025, mode="pace") == pytest.approx(3.0)


def test_cumulative_increase_in_2030_and_2035():
    assert target_level_in_year("cumulative_increase", 1501, 2020, 2499, 2025, 2035) == 4000
    assert target_level_in_year("cumulative_increase", 1501, 2020, 2499, 2025, 2030, mode="pace") == 2499 + 3002
    assert target_level_in_year("cumulative_increase", 1501, 2020, 2499, 2025, 2035, mode="pace") == 2499 + 4503


def test_growth_rate_target_is_judged_on_growth_from_the_observed_base():
    for year in (2025, 2030, 2035):
        level = target_level_in_year("growth_rate", 12, 2020, 3.4, 2025, year, base_observation=117.38)
        assert level == pytest.approx(117.38 * 1.12 ** (year - 2020))


@pytest.mark.parametrize("args, kwargs, message", [
    (("growth_rate", 12, 2020, 3.4, 2025, 2025), {}, "there is none"),
    (("growth_rate", 12, 2020, 3.4, 2025, 2025), {"base_observation": 0.0}, "positive base value"),
    (("growth_rate", -120, 2020, 3.4, 2025, 2025), {"base_observation": 5.0}, "at or below -100 %"),
    (("level", 3.0, 2020, 2.13, 2025, 2019), {}, "not after the target's base year"),
    (("level", 3.0, 2020, -1.0, 2025, 2030), {"mode": "pace"}, "positive values"),
    (("level", 3.0, 2020, 2.13, 2025, 2030), {"mode": "hold"}, "valid: \\['plan', 'pace'\\]"),
])
def test_target_semantics_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        target_level_in_year(*args, **kwargs)


def test_a_2030_outlook_reads_the_plan_target_in_2030(observations):
    result = ask(indicator="rd_expenditure", target_year=2030, n_paths=500)
    rd = sjzforecast.select_series(observations, "石家庄", "rd_expenditure").series
    assert result.target.level == pytest.approx(rd[2020] * 1.12**10)
    assert result.scenario_frame()["year"].max() == 2030


def test_peer_prior_is_used_where_a_provincial_panel_exists():
    with_peers = ask(indicator="rd_intensity")
    without = ask(indicator="rd_intensity", peers=False)
    assert with_peers.peer_calibrated and not without.peer_calibrated
    assert "drift:peer_weight" in set(with_peers.model.tidy()["term"])
    assert "drift:peer_weight" not in set(without.model.tidy()["term"])
    width = lambda r: r.forecast.loc[2025, "hi-95"] - r.forecast.loc[2025, "lo-95"]  # noqa: E731
    assert width(with_peers) < width(without)
    assert not ask(indicator="hightech_enterprises", n_paths=500).peer_calibrated


def test_the_growth_scenario_appears_only_when_asked_for():
    assert "growth" not in set(ask(indicator="tech_sme", n_paths=300).scenario_frame()["scenario"])
    frame = ask(indicator="tech_sme", n_paths=300, growth_rate=5.0).scenario_frame()
    path = frame[frame["scenario"] == "growth"].set_index("year")["value"]
    assert path[2025] == pytest.approx(19228 * 1.05)


def test_required_growth_is_set_against_what_provinces_achieved(observations):
    from sjzforecast import effort

    result = ask(indicator="rd_intensity", n_paths=300)
    panel = effort.panel_frame(observations, "rd_intensity")
    expected = effort.feasibility_against_peers(result.required_growth_from_latest / 100, 2025 - 2023, panel)
    assert result.peer_feasibility == expected and 0 < expected.share < 1
    assert ask(indicator="tech_sme", n_paths=300).peer_feasibility is None


def test_another_region_is_judged_against_a_level_it_is_given():
    hebei = ask(region="河北", indicator="rd_intensity", target_value=2.5, n_paths=200)
    assert hebei.target.level == 2.5 and hebei.target.target_id == "user"
    assert hebei.base_year == int(hebei.series.index[0])


def test_analyse_indicator_is_answer_of_the_question(observations, targets):
    fields = dict(indicator="tech_sme", n_paths=300)
    wrapped = sjzforecast.analyse_indicator(observations=observations, targets=targets, **fields)
    direct = answer(Question(**fields))
    assert wrapped.p_meet == direct.p_meet and wrapped.categories == direct.categories


def test_two_questions_that_reach_the_same_year_give_it_the_same_forecast(rd):
    """The 2025 briefing (paths to 2030) and the 2030 outlook (paths to 2035) publish one 2030 forecast."""
    outlook = answer(Question(indicator="rd_intensity", target_year=2030, end_year=2035))
    pd.testing.assert_frame_equal(rd.forecast.loc[2024:2030], outlook.forecast.loc[2024:2030])


def test_a_lower_bound_meets_a_target_it_reaches_and_never_shows_one_missed(observations, targets):
    """河北 had "超过1.5万家" high-tech enterprises in 2024 (stored as 15000, a lower bound): at or above an
    increase target it is met; below one it may or may not be (None); against a decrease target a
    bound above it misses it and one at or below it cannot tell."""
    from sjzforecast import briefing, render

    a = answer(Question(region="河北", indicator="hightech_enterprises", targets="data/plans/hebei-14th.yaml",
                        target_year=2025, n_paths=500))
    assert (a.latest_year, a.latest_value, a.latest_is_lower_bound, a.target.level) == (2024, 15000, True, 15000)
    assert a.latest_meets is True

    def against(level, direction="increase"):
        return dataclasses.replace(a, target=dataclasses.replace(a.target, level=level, direction=direction))

    assert against(16000).meets(15000) is False and against(16000).latest_meets is None
    assert against(14000, "decrease").latest_meets is False
    assert against(16000, "decrease").latest_meets is None
    plain = answer(Question(indicator="tech_sme", target_year=2025, n_paths=500), observations, targets)
    assert not plain.latest_is_lower_bound and plain.latest_meets is True
    assert a.to_json()["latest_lower_bound"] is True
    for language, shown in (("zh", "超过\u00a015,000\u00a0家"), ("en", "over\u00a015,000")):
        html = render.render_briefing(briefing.build_payload(a, language), {}, svg=False)
        assert re.search(r'<div class="value" id="latest-value">([^<]*)</div>', html).group(1).startswith(shown)


def test_a_target_an_observation_has_reached_has_been_reached_by_every_later_year():
    """Technology contracts reached 200.8 亿元 in 2023 against 200: the page that says "already met in 2023"
    cannot also give P(reached by 2024) = 91 %."""
    met = ask(indicator="tech_contract_value", target_year=2025)
    assert met.latest_meets and (met.p_reached_by == 1.0).all()
    assert set(met.to_json()["p_reached_by"].values()) == {1.0}
    ahead = ask(indicator="rd_intensity", target_year=2025)
    assert not ahead.latest_meets and ahead.p_reached_by.iloc[0] < 1


def test_a_lower_bound_short_of_the_target_in_the_target_year_leaves_p_meet_unknown_on_every_page(tmp_path):
    """河北's tech SMEs were "突破12.7万家" in 2025 (a lower bound): against 150,000 in 2025 the observation
    cannot tell, so P(meet) is not 0 % but unknown: on the briefing (both languages), in the probability
    method, on the dashboard's row and on the index's row, as the headline says."""
    from sjzforecast import briefing, dashboard, render
    from sjzforecast.answers import CSV_COLUMNS, answer_fields
    from sjzforecast.i18n import t
    from sjzforecast.reportdir import FILE_KEYS

    a = answer(Question(region="河北", indicator="tech_sme", target_year=2025, target_value=150000, n_paths=200))
    assert (a.latest_year, a.latest_is_lower_bound, a.latest_meets, a.lead.meets) == (2025, True, None, None)
    assert a.p_meet is None and a.to_json()["p_meet"] is None
    assert (a.target.name_zh, a.target.name_en) == ("科技型中小企业数量", "Technology-based SMEs")  # not "tech_sme"
    probability = a.assessments.set_index("method").loc["probability"]
    assert probability["category"] == "not_assessable" and probability["reason_code"] == "lower_bound_observed"
    plan = tmp_path / "plan.yaml"
    plan.write_text(re.sub(r"targets:.*", """targets:
  - {target_id: tech_sme, indicator: tech_sme, name_zh: 科技型中小企业, name_en: Tech SMEs, unit: 家,
     base_year: 2020, base_value: null, target_year: 2025, target_value: 150000, target_kind: level,
     direction: increase, quote: 科技型中小企业达到15万家}""", (paths.ROOT / "data/plans/hebei-14th.yaml").read_text(encoding="utf-8"),
                           flags=re.S), encoding="utf-8")
    board = dashboard.build_dashboard(region="河北", targets_file=str(plan), n_paths=200, methods=("probability",))
    assert pd.isna(board.table.set_index("target_id").loc["tech_sme", "probability"])
    row = {**dict.fromkeys([*CSV_COLUMNS, *FILE_KEYS]), "status": "ok", "name": "x", "title": "x", "stale": False,
           **answer_fields({"kind": "briefing", **a.to_json()})}
    for language in ("zh", "en"):
        unknown = t("p_meet_unknown", language)

        def text(html):  # the bracket of "未知（仅知下限）" is kept on one line by a span
            return re.sub(r"<[^>]+>", "", html)

        page = render.render_briefing(briefing.build_payload(a, language), {}, svg=False)
        assert text(re.search(r'<div class="value" id="probability">(.*?)</div>', page).group(1)) == unknown
        assert t("met_unknown", language) in page and t("very_unlikely", language) not in page
        board_page = render.render_dashboard(dashboard.build_payload(board, language), {}, svg=False)
        assert unknown in text(re.search(r'<tr data-target="tech_sme">.*?</tr>', board_page, flags=re.S).group(0))
        index = text(render.render_index([row], language))
        assert unknown in index and "0\u00a0%" not in index


def test_the_lead_growth_is_the_median_paths_growth_and_says_why_p_meet_is_below_one_half(rd):
    """R&D intensity: the median path grows 3.2 %/yr from 2.76 % in 2023, slower than the 4.3 %/yr
    required, hence P(meet) 43 %; the same number is in the page's JSON."""
    median = rd.paths[2025].median()
    assert rd.lead_growth == pytest.approx(100 * ((median / 2.76) ** (1 / 2) - 1))
    assert round(rd.lead_growth, 1) == 3.2 and rd.lead_growth < rd.required_growth_from_latest and rd.p_meet < 0.5
    assert rd.to_json()["lead_growth"] == rd.lead_growth
    high = ask(indicator="rd_intensity", scenario="high")  # the lead scenario's value, not the median
    assert high.lead_growth == pytest.approx(100 * ((high.lead.value / 2.76) ** (1 / 2) - 1))
    assert high.lead_growth > rd.lead_growth
    assert ask(indicator="rd_intensity", target_year=2023).lead_growth is None  # the observation decides


def test_forecasts_take_the_precision_the_values_were_written_with(tmp_path):
    """1.9, 2.0 and 2.10 as written: the forecasts and the target show two decimals, as the latest value does
    (its float, 2.1, has one)."""
    rows = [dict(region="测试市", indicator="rd_intensity", year=year, value=text, unit="%",
                 source_url="http://tjj.example.gov.cn/bulletin", quote=f"研发经费投入强度 {text}%", derived="",
                 flag="", published="") for year, text in [(2021, "1.9"), (2022, "2.0"), (2023, "2.10")]]
    pd.DataFrame(rows).to_csv(tmp_path / "mine.csv", index=False)
    result = ask(region="测试市", indicator="rd_intensity", target_value=3.0, target_year=2025, peers=False,
                 observations=(str(tmp_path / "mine.csv"),))
    assert result.decimals == 2 and result.to_json()["decimals"] == 2
