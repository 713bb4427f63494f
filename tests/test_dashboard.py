"""The plan dashboard: every target, never an exception for sparse data, variants, track record, notebook."""
import dataclasses
import datetime
import re

import numpy as np
import pandas as pd
import pytest

from sjzforecast import batch, dashboard, data, paths, render
from sjzforecast.dashboard import build_dashboard, progress_share, track_record
from sjzforecast.grid import expand_files
from sjzforecast.params import read_params_file
from sjzforecast.payload import read_payload
from sjzforecast.progress import CATEGORIES, METHODS


@pytest.fixture(scope="module")
def board(observations, targets):
    return build_dashboard(observations=observations, targets=targets, n_paths=500)


def test_one_row_per_target_with_a_category_per_method(board, targets):
    assert list(board.table["target_id"]) == list(targets["target_id"])
    for method in METHODS:
        assert board.table[f"category_{method}"].isin(CATEGORIES).all()
    rd = board.table.set_index("target_id").loc["rd_intensity"]
    assert rd["target_level"] == 3.0 and rd["latest_year"] == 2023 and rd["latest_value"] == 2.76
    assert rd["unit"] == "%" and rd["base_year"] == 2020
    assert rd["required_growth"] == pytest.approx(100 * ((3.0 / 2.13) ** (1 / 5) - 1))  # %/yr from the base year
    assert rd["achieved_growth"] == pytest.approx(100 * ((2.76 / 2.13) ** (1 / 3) - 1))
    assert rd["required_from_latest"] == pytest.approx(100 * ((3.0 / 2.76) ** 0.5 - 1))
    assert 0 < rd["probability"] < 1


def test_sparse_indicators_are_not_assessable_with_a_reason(board):
    table = board.table.set_index("target_id")
    no_data = table.loc["industrial_rd_growth"]
    assert no_data["category_opensdg"] == "not_assessable" and "no data" in no_data["reason"]
    one_point = table.loc["innovation_teams_and_leaders"]
    assert one_point["category_opensdg"] == "not_assessable" and "at least 2 years" in one_point["reason"]
    assert one_point["quality"] == "check" and {"code": "few_points", "n": 1, "base_year": 2020} in one_point["quality_notes"]


def test_a_row_takes_its_series_from_the_answer_and_selects_it_itself_only_without_one(monkeypatch):
    """The series of an answered row is the answer's; a row without an answer selects it once."""
    observations, targets = dashboard.load_data()
    calls = []

    def counting(select):
        def wrapper(*args, **kwargs):
            calls.append(select.__name__)
            return select(*args, **kwargs)
        return wrapper

    for name in ("select_series", "series_of"):
        monkeypatch.setattr(dashboard, name, counting(getattr(dashboard, name, dashboard.select_series)), raising=False)
    plan = data.plan_targets(targets, "石家庄").set_index("indicator", drop=False)
    rows = {}
    for indicator in ("rd_intensity", "innovation_teams_and_leaders"):  # answered; one observation only
        fields = dict(region="石家庄", indicator=indicator, target_year=2025, n_paths=200)
        calls.clear()
        rows[indicator] = dashboard.indicator_row(fields, plan.loc[indicator], ("opensdg",), observations, targets)[0]
        rows[indicator]["calls"] = len(calls)
    assert rows["rd_intensity"]["calls"] == 0 and rows["rd_intensity"]["latest_value"] == 2.76
    assert rows["innovation_teams_and_leaders"]["calls"] == 1
    assert rows["innovation_teams_and_leaders"]["category_opensdg"] == "not_assessable"
    assert rows["innovation_teams_and_leaders"]["latest_year"] is not None


def test_dashboard_never_raises_for_sparse_or_bad_series(targets):
    obs = pd.DataFrame({"region": "石家庄", "indicator": ["rd_intensity", "rd_expenditure", "rd_expenditure",
                                                     "tech_sme", "tech_sme"],
                        "year": [2019, 2021, 2022, 2020, 2021], "value": [2.0, 0.0, 5.0, -3.0, 4.0],
                        "unit": "", "source_url": "", "quote": "", "derived": "", "flag": "", "published": ""})
    board = build_dashboard(region="石家庄", observations=obs, targets=targets, n_paths=200)
    table = board.table.set_index("target_id")
    assert (table.loc["hightech_enterprises", [f"category_{m}" for m in METHODS]] == "not_assessable").all()
    assert table.loc["rd_expenditure_growth", "category_opensdg"] == "not_assessable"  # no observation in its base year 2020
    assert "needs positive values; got -3 in 2020" in table.loc["tech_sme", "reason"]
    assert table.loc["rd_intensity", "latest_year"] == 2019


def test_a_target_year_before_all_data_is_not_assessable_not_an_error(observations, targets):
    board = build_dashboard(target_year=2010, methods=["opensdg"], observations=observations, targets=targets)
    rd = board.table.set_index("target_id").loc["rd_intensity"]
    assert rd["category_opensdg"] == "not_assessable" and "before the last observation" in rd["reason"]


def test_unknown_method_or_region_is_an_error(observations, targets):
    with pytest.raises(ValueError, match=r"No method named 'probabilty'; known: .*did you mean 'probability'"):
        build_dashboard(methods=["opensdg", "probabilty"], observations=observations, targets=targets)
    with pytest.raises(ValueError, match=r"methods: none given; give one or more of \['escap'"):
        build_dashboard(methods=[], observations=observations, targets=targets)
    with pytest.raises(ValueError, match=r"region = 'Atlantis': no observations"):
        build_dashboard(region="Atlantis", observations=observations, targets=targets)
    with pytest.raises(ValueError, match=r"region = '河北': no plan targets; the targets file holds the plan of \['石家庄'\]"):
        build_dashboard(region="河北", observations=observations, targets=targets)


def test_conflicting_sources_are_assessed_per_variant(board):
    variants = board.variant_summary().set_index(["target_id", "method"])
    rd = variants.loc[("rd_intensity", "opensdg")]
    assert set(rd["categories"]) == {"main", "2023=2.52"}
    assert rd["category_changes"]  # 2.76 % vs 2.52 % changes the verdict
    probability = variants.loc[("rd_intensity", "probability")]
    assert probability["probability_min"] < probability["probability_max"]
    notes = board.table.set_index("target_id").loc["rd_intensity", "quality_notes"]
    assert any(n["code"] == "category_depends" for n in notes)


def test_not_assessable_reasons_are_worded_in_the_page_language(board):
    zh = dashboard.build_payload(board, "zh")["reasons"]
    en = dashboard.build_payload(board, "en")["reasons"]
    assert zh["industrial_rd_growth"]["opensdg"] == {"text": "该指标没有观测值", "lang": "zh"}
    assert en["innovation_teams_and_leaders"]["probability"] == {
        "text": "at least two observations are needed, got 1", "lang": "en"}
    assert set(zh["innovation_teams_and_leaders"]) == set(board.methods)
    assert "rd_intensity" not in zh  # assessed by every method


def test_track_record_shows_the_previous_plan_target(observations):
    record = track_record(observations, "石家庄").set_index(["indicator", "year"])
    previous = record.loc[("rd_intensity", 2015)]
    assert previous["target"] == 2.5 and previous["outcome"] == 1.83 and not previous["met"]
    assert previous["gap"] == pytest.approx(-0.67)
    assert pd.isna(record.loc[("rd_intensity", 2025), "outcome"])


def test_track_record_judges_met_by_the_indicator_direction(observations, targets):
    lower_is_better = targets.assign(direction=targets["direction"].where(targets["indicator"] != "rd_intensity",
                                                                          "decrease"))
    record = track_record(observations, "石家庄", lower_is_better).set_index(["indicator", "year"])
    previous = record.loc[("rd_intensity", 2015)]
    assert previous["outcome"] == 1.83 and previous["met"]  # 1.83 % <= 2.5 % meets a lower-is-better target
    assert previous["gap"] == pytest.approx(-0.67)
    assert record.loc[("tech_contract_value", 2020), "met"]  # 115 >= 110: other indicators still increase


def test_progress_share():
    assert progress_share(2.13, 2.76, 3.0) == pytest.approx(0.63 / 0.87)
    assert progress_share(3.0, 3.5, 3.0) is None


def test_chart_data_and_payload(board):
    chart = board.chart_data()
    assert len(chart) == len(board.table) * len(METHODS)
    payload = dashboard.build_payload(board, "en")
    assert payload["kind"] == "dashboard" and len(payload["table"]) == len(board.table)
    assert all(v is None or not (isinstance(v, float) and np.isnan(v)) for row in payload["table"] for v in row.values())


def test_the_page_says_how_targets_are_read_in_its_year(observations, targets):
    from html import unescape

    from sjzforecast import render
    from sjzforecast.i18n import t

    board = build_dashboard(observations=observations, targets=targets, target_year=2030, mode="pace",
                            methods=("opensdg",), n_paths=200)
    html = unescape(render.render_dashboard(dashboard.build_payload(board, "en"), {}, svg=False))
    assert t("target_mode_pace", "en", year=2030) in html
    assert "2023=2.52" not in html and "2.52\u00a0% in 2023" in html  # the variant in words
    record = html.split('id="track-record"')[1]
    name = board.table.set_index("target_id").loc["rd_intensity", "name_en"]
    assert f'<td class="name">{name}</td><td>2015</td>' in record  # the plan's name, as in the table above


@pytest.mark.parametrize("name", ["plan_dashboard_2025", "plan_dashboard_2030"])
def test_dashboard_notebook_runs_under_papermill(tmp_path, name):
    [spec] = expand_files([paths.PARAMS_DIR / f"{name}.yaml"], read_params_file)
    result = batch.execute_run(spec, tmp_path)
    assert result.status == "ok", result.error
    payload = read_payload(tmp_path / result.notebook)
    assert payload["kind"] == "dashboard" and len(payload["table"]) >= 15
    assert any(r["indicator"] == "rd_intensity" and r["year"] == 2015 for r in payload["track_record"])
    html = (tmp_path / result.html).read_text(encoding="utf-8")
    assert html.count('<tr data-target="') == len(payload["table"])
    assert 'id="chart-dashboard"' in html and 'id="track-record"' in html


def test_peer_share_where_a_provincial_panel_exists():
    board = build_dashboard(target_year=2025, methods=("opensdg",))
    table = board.table.set_index("target_id")
    assert 0 < table.loc["rd_intensity", "peer_share"] < 1
    assert pd.isna(table.loc["hightech_enterprises", "peer_share"])


def test_levels_carry_the_indicators_unit_and_rates_their_own(board):
    import json
    import re

    from sjzforecast import render

    payload = dashboard.build_payload(board, "zh")
    html = render.render_dashboard(payload, {}, svg=False)
    rows = dict(re.findall(r'<tr data-target="([^"]+)">(.*?)</tr>', html, flags=re.S))
    rd_growth = board.table.set_index("target_id").loc["rd_expenditure_growth"]
    assert rd_growth["unit"] == "亿元" and rd_growth["required_growth"] == pytest.approx(12.0)
    for r in payload["table"]:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[r["target_id"]], flags=re.S)
        latest, level = cells[1], cells[2]
        if r["unit"] in ("亿元", "家", "个") and r["latest_value"] is not None:
            assert r["unit"] in latest and "%" not in latest, (r["target_id"], latest)
            if r["target_level"] is not None:
                assert r["unit"] in level and "%" not in level.split("<br>")[0], (r["target_id"], level)
    assert "12.0\u00a0%/\u2060年" in rows["rd_expenditure_growth"]
    block = json.loads(re.search(r'<script type="application/json" id="sjz-dashboard">(.*?)</script>', html).group(1))
    fields = {"target_id", "indicator", "unit", "latest_year", "latest_value", "target_level", "p_meet", "categories"}
    assert len(block["rows"]) == len(board.table) and all(fields <= set(row) for row in block["rows"])
    rd = next(row for row in block["rows"] if row["target_id"] == "rd_expenditure_growth")
    assert rd["unit"] == "亿元" and rd["latest_value"] == 196.0


def test_a_method_alias_shows_the_method_it_names(observations, targets):
    board = build_dashboard(methods=["opensdg", "unsd"], observations=observations, targets=targets, n_paths=200)
    assert board.methods == ("opensdg", "unsd2023") and "category_unsd2023" in board.table


def test_a_target_already_met_by_the_latest_observation_says_so_on_its_row_as_the_briefing_does(board, observations,
                                                                                                targets):
    """The row's ``latest_meets`` is the answer's :attr:`~sjzforecast.answer.Answer.latest_meets` (the briefing's
    ``latest.meets``), and the row says it with the briefing's words, in the page's language."""
    import re

    from sjzforecast import answer, briefing, render
    from sjzforecast.i18n import t
    from sjzforecast.question import Question

    table = board.table.set_index("target_id")
    met = table.index[table["latest_meets"].fillna(False).astype(bool)]
    assert "tech_sme" in met and "rd_intensity" not in met
    briefed = answer(Question(indicator="tech_sme", target_year=2025, n_paths=500), observations, targets)
    assert briefing.build_payload(briefed, "zh")["latest"]["meets"] is True
    assert bool(table.loc["tech_sme", "latest_meets"]) is True
    for language in ("zh", "en"):
        html = render.render_dashboard(dashboard.build_payload(board, language), {}, svg=False)
        rows = dict(re.findall(r'<tr data-target="([^"]+)">(.*?)</tr>', html, flags=re.S))
        for target_id, row in rows.items():
            said = re.findall(r'<small class="already-met">([^<]*)</small>', row)
            if target_id in met:
                r = table.loc[target_id]
                assert said == [t(f"already_met_{r['direction']}", language, year=int(r["latest_year"]))], target_id
            else:
                assert not said, target_id


def test_the_intro_names_the_region_and_counts_its_plans_targets():
    """Hebei's dashboard is not introduced as 石家庄's Table 1 with its 3.0 % intensity target."""
    from sjzforecast import render
    from sjzforecast.i18n import t

    plan = str(paths.ROOT / "data/plans/hebei-14th.yaml")
    hebei = build_dashboard(region="河北", methods=("opensdg",), targets_file=plan, n_paths=200)
    for language, region in (("zh", "河北"), ("en", "Hebei")):
        html = render.render_dashboard(dashboard.build_payload(hebei, language), {}, svg=False)
        intro = re.search(r'<p class="subtitle">(.*?)</p>', html).group(1)
        assert intro == t("dashboard_intro", language, region=region, n=len(hebei.table)), intro
        assert "3.0" not in intro and len(hebei.table) == 3


def test_the_reading_table_joins_a_rows_notes_in_its_own_language(board):
    from sjzforecast.dashboard import display_table
    from sjzforecast.i18n import t
    several = board.table["quality_notes"].map(len) > 1
    assert several.any()
    zh, en = display_table(board, "zh")[several.to_numpy()], display_table(board, "en")[several.to_numpy()]
    notes_zh, notes_en = zh[t("quality_notes", "zh")], en[t("quality_notes", "en")]
    assert all("；" in n and "; " not in n for n in notes_zh) and all("; " in n for n in notes_en)


def test_growth_from_the_base_year_names_the_year_it_is_measured_from_where_that_is_not_the_plans(board):
    """Incubators: 38 in 2020 and nothing later, so growth and the methods run from 2013: both growth
    cells say so, in the page's language, with the words of ``i18n.growth_since``; a row measured
    from the plan's 2020 base says nothing more.  A growth-rate target is read from the plan's base
    year (2020) even where growth is measured from another (2015 for fiscal S&T expenditure)."""
    import html as html_module

    from sjzforecast import render
    from sjzforecast.i18n import growth_since, t

    table = board.table.set_index("target_id")
    incubators = table.loc["incubators"]
    assert (incubators["plan_base_year"], incubators["base_year"], round(incubators["achieved_growth"], 1)) == (
        2020, 2013, 15.3)
    assert {"code": "pre_plan_base", "year": 2013, "plan_base_year": 2020} in incubators["quality_notes"]
    assert table.loc["rd_intensity", "growth_basis"]["code"] == "plan_base"
    shown = dashboard.display_table(board, "en")
    assert shown.loc["Incubators (municipal level and above)", t("growth_measured", "en")] == (
        "from 2013 (one observation since the plan's 2020 base)")
    for language in ("zh", "en"):
        html = render.render_dashboard(dashboard.build_payload(board, language), {}, svg=False)
        rows = dict(re.findall(r'<tr data-target="([^"]+)">(.*?)</tr>', html, flags=re.S))
        since = growth_since(incubators["growth_basis"], language)
        said = re.findall(r'<small class="basis">([^<]*)</small>', rows["incubators"])
        assert [html_module.unescape(s) for s in said] == [since, since]
        assert 'class="basis"' not in rows["rd_intensity"]
        assert t("target_rate_note", language, year=2020) in rows["fiscal_st_expenditure_growth"]
        assert table.loc["fiscal_st_expenditure_growth", "base_year"] == 2015


def test_a_latest_value_published_as_a_lower_bound_reads_as_one_on_the_dashboard():
    """河北's "超过1.5万家" high-tech enterprises (2024) are over 15,000, not 15,000."""
    from sjzforecast import render

    hebei = build_dashboard(region="河北", targets_file="data/plans/hebei-14th.yaml", n_paths=200,
                            methods=("opensdg",))
    row = hebei.table.set_index("target_id").loc["hightech_enterprises"]
    assert bool(row["latest_lower_bound"]) and row["latest_meets"] is True
    for language, shown in (("zh", "超过\u00a015,000\u00a0家 (2024)"), ("en", "over\u00a015,000")):
        html = render.render_dashboard(dashboard.build_payload(hebei, language), {}, svg=False)
        cells = re.search(r'<tr data-target="hightech_enterprises">.*?</td>\s*<td class="num">([^<]*)</td>',
                          html, flags=re.S).group(1)
        assert cells.startswith(shown)


def test_the_track_record_shows_a_target_at_the_precision_of_its_row(board):
    """The plan's 3.0 % intensity target reads "3.00 %" in the table; its track-record row says the same,
    not "3 %", and the 2015 target of 2.5 % is set against 1.83 % at two decimals too."""
    import html as html_module

    from sjzforecast import render

    for language in ("zh", "en"):
        html = render.render_dashboard(dashboard.build_payload(board, language), {}, svg=False)
        record = re.search(r'<table id="track-record">(.*?)</table>', html, re.S).group(1)
        cells = re.findall(r'<td class="name">([^<]*)</td><td>(\d{4})</td>(.*?)</tr>', record, re.S)
        rows = {(html_module.unescape(name), year): re.findall(r'<td class="num">([^<]*)</td>', rest)
                for name, year, rest in cells}
        name = board.table.set_index("target_id").loc["rd_intensity", "name_zh" if language == "zh" else "name_en"]
        assert rows[(name, "2025")][0] == "3.00\u00a0%"
        assert rows[(name, "2015")][:2] == ["2.50\u00a0%", "1.83\u00a0%"]


def test_a_latest_value_from_a_repost_site_alone_is_a_quality_note(board):
    """石家庄's 2023 technology-contract value (200.8 亿元) rests on a repost site only; the rows whose latest
    value has an official source carry no such note."""
    notes = board.table.set_index("indicator")["quality_notes"]
    assert {"code": "repost_only", "year": 2023} in notes["tech_contract_value"]
    assert not any(n["code"] == "repost_only" for n in notes["rd_intensity"])


def test_a_rows_latest_value_is_shown_as_published_and_its_target_at_the_datas_precision(board):
    """石家庄's R&D expenditure was published as 196.0 亿元 for 2023, against the 206.86 亿元 its growth target asks
    for in 2025 (the data's precision, two decimals): the row reads "196.0" beside "206.86", on the page and in the
    notebook's table; a count stays whole."""
    from sjzforecast import notebook, render

    for language in ("zh", "en"):
        html = render.render_dashboard(dashboard.build_payload(board, language), {}, svg=False)
        for target_id in ("rd_expenditure_growth", "rd_intensity", "hightech_enterprises"):
            latest, target = re.search(rf'<tr data-target="{target_id}">.*?<td class="num">([^<]*)</td>\s*'
                                       r'<td class="num">([^<]*)', html, flags=re.S).groups()
            numbers = [re.match(r"[\d,.]+", text).group(0) for text in (latest, target)]
            assert [len(n.partition(".")[2]) for n in numbers] == {
                "rd_expenditure_growth": [1, 2], "rd_intensity": [2, 2], "hightech_enterprises": [0, 0]}[target_id]
        assert re.search(r'<tr data-target="rd_expenditure_growth">.*?<td class="num">196\.0\u00a0', html, re.S)
        table = notebook.dashboard_table(board, language)
        labels = dashboard.display_labels(board, language, units=False)
        names = board.table["name_zh" if language == "zh" else "name_en"]
        rd = table.loc[names[board.table["target_id"] == "rd_expenditure_growth"].iloc[0]]
        unit = "亿元" if language == "zh" else "hundred million yuan"
        assert (rd[labels["latest_value"]], rd[labels["target_level"]]) == (f"196.0\u00a0{unit}", f"206.86\u00a0{unit}")


def test_achieved_beside_a_p_meet_under_100_percent_says_what_each_is_about(board):
    """石家庄's tech SMEs: the latest observation (2024) meets the target, so the methods say achieved, while
    P(meet) is about the 2025 value; the chart's note and the row's P(meet) cell say so, in the page's language."""
    import re

    from sjzforecast import render
    from sjzforecast.i18n import category_label, t

    flagged = dashboard.met_below_certain(board.table)
    assert set(board.table.loc[flagged, "target_id"]) >= {"tech_sme"}
    assert not flagged[board.table["target_id"] == "rd_intensity"].any()
    for language in ("zh", "en"):
        payload = dashboard.build_payload(board, language)
        subtitle = ("" if language == "zh" else " ").join(payload["charts"]["dashboard"]["title"]["subtitle"])
        assert subtitle == t("met_p_meet_note", language, achieved=category_label("target_achieved", language),
                             year=2025)
        html = render.render_dashboard(payload, {}, svg=False)
        rows = dict(re.findall(r'<tr data-target="([^"]+)">(.*?)</tr>', html, flags=re.S))
        for target_id, row in rows.items():
            said = re.findall(r'<small class="p-meet-year">([^<]*)</small>', row)
            expected = bool(flagged[board.table["target_id"] == target_id].any())
            assert said == ([t("p_meet_of_year", language, year=2025)] if expected else []), target_id


def test_the_p_meet_of_rows_whose_data_stop_before_an_ended_target_year_is_called_a_nowcast(board):
    """Seen in November 2026, 2025 has ended, and 8 of the rows with a P(meet) have data only to 2020-2024; seen in
    2025, or from an as_of of mid-2025, it has not; a 2030 dashboard asks about a future year."""
    assert (board.table["probability"].notna() & (board.table["latest_year"] < 2025)).sum() == 8
    assert dashboard.nowcast_note(board, "en", datetime.date(2026, 11, 28)) == (
        "Nowcast: 2025 has ended, but for 8 of the indicators the data stop before it: their P(meet) estimates "
        "official figures still to come.")
    assert dashboard.nowcast_note(board, "zh", datetime.date(2026, 11, 28)).startswith("临近预测：2025年已经结束，但有 8 项")
    assert dashboard.nowcast_note(board, "en", datetime.date(2025, 12, 31)) == ""
    assert dashboard.nowcast_note(dataclasses.replace(board, as_of="2025-06-30"), "en") == ""
    assert dashboard.nowcast_note(dataclasses.replace(board, target_year=2030), "en", datetime.date(2026, 11, 28)) == ""
    if datetime.date.today().year >= 2026:  # the run's own date decides what has ended
        payload = dashboard.build_payload(board, "en")
        assert payload["nowcast_note"] == dashboard.nowcast_note(board, "en")
        meta = {"params_file": "x.yaml", "parameters": "", "observations_sha256": "", "targets_sha256": "",
                "sjzforecast": "0", "seed": 0, "seconds": "1.0"}
        page = render.render_dashboard(payload, meta, svg=False)
        assert 'id="nowcast-note">Nowcast: 2025 has ended, but for 8 of the indicators' in page
