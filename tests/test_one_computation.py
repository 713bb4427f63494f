"""One computation behind every number: the page, the notebook and the explorer show the same strings."""
import html
import re

import pandas as pd
import pytest

import sjzforecast as sf
from sjzforecast import briefing, dashboard, explore, notebook, render
from sjzforecast.answers import answer_fields
from sjzforecast.i18n import t
from sjzforecast.question import load_data


def cell_texts(row_html: str) -> list[str]:
    """The text of each ``<td>`` of one table row, up to its first line break (the number, not the notes)."""
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row_html, flags=re.S)
    return [html.unescape(re.split(r"<br>", cell)[0]).strip() for cell in cells]


def dashboard_rows(board, language: str) -> dict[str, str]:
    page = render.render_dashboard(dashboard.build_payload(board, language), {}, svg=False)
    return dict(re.findall(r'<tr data-target="([^"]+)">(.*?)</tr>', page, flags=re.S))


def assert_page_shows_the_notebook_strings(board, language: str) -> None:
    """Each row of the page shows the latest value, target, growth, peer share and P(meet) strings of
    ``notebook.dashboard_table``."""
    table = notebook.dashboard_table(board, language).reset_index(drop=True)
    labels = dashboard.display_labels(board, language, units=False)
    rows = dashboard_rows(board, language)
    for i, target_id in enumerate(board.table["target_id"]):
        shown = table.iloc[i]
        latest, target, achieved, required, peer, p_meet = cell_texts(rows[target_id])[1:7]
        year = board.table["latest_year"].iloc[i]
        assert latest == shown[labels["latest_value"]] + ("" if pd.isna(year) else f" ({year})"), target_id
        assert (target, achieved, required, peer, p_meet) == tuple(
            shown[labels[c]] for c in ("target_level", "achieved_growth", "required_growth", "peer_share",
                                       "probability")), target_id
        prefix = re.escape(html.escape(t("required_from_latest_short", language)))
        from_latest = re.search(rf"<small>{prefix} ([^<]*)</small>", rows[target_id]).group(1)
        assert html.unescape(from_latest) == shown[labels["required_from_latest"]], target_id


@pytest.fixture(scope="module")
def board():
    return dashboard.build_dashboard(n_paths=300, methods=("opensdg", "probability"))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_dashboard_page_shows_the_notebook_tables_strings(board, language):
    """石家庄's dashboard: every row's latest value, target, growth rates, peer share and P(meet) on the
    page are the strings of the notebook's table, units and all (one formatting, ``dashboard.shown_numbers``);
    so are the earlier targets' levels and gaps and the range of P(meet) over conflicting sources."""
    assert_page_shows_the_notebook_strings(board, language)
    shown = notebook.dashboard_table(board, language)
    assert t("check_col_unit", language) not in shown.columns  # every number names its unit itself
    page = render.render_dashboard(dashboard.build_payload(board, language), {}, svg=False)

    def numbers(table_id):
        body = re.search(rf'<table id="{table_id}">(.*?)</table>', page, re.S).group(1)
        return [[html.unescape(c) for c in re.findall(r'<td class="num">([^<]*)</td>', row)]
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)[1:]]

    record = notebook.track_record_table(board, language)
    assert numbers("track-record") == record[[t(k, language) for k in ("target", "outcome", "gap")]].values.tolist()
    variants = notebook.variant_table(board, language)[t("probability_of_meeting", language)]
    assert numbers("variants") == [[text] for text in variants] and any("–" in text for text in variants)


# -- a latest value published as a lower bound ---------------------------------------------------------------
@pytest.fixture(scope="module")
def bounded(tmp_path_factory):
    """A city with 1,000 high-tech enterprises in 2020 and "超过1500家" in 2023, against 2,000 in 2025."""
    folder = tmp_path_factory.mktemp("bounded")
    csv = folder / "mine.csv"
    csv.write_text("region,indicator,year,value,unit,source_url,quote,derived\n"
                   "样例市,hightech_enterprises,2018,800,家,https://example.gov.cn/a,高新技术企业800家,\n"
                   "样例市,hightech_enterprises,2020,1000,家,https://example.gov.cn/b,高新技术企业1000家,\n"
                   "样例市,hightech_enterprises,2023,1500,家,https://example.gov.cn/c,高新技术企业超过1500家,"
                   "note: lower bound (超过1500家)\n", encoding="utf-8")
    plan = folder / "plan.yaml"
    plan.write_text("""region: 样例市
targets:
  - {target_id: hightech_enterprises, indicator: hightech_enterprises, name_zh: 高新技术企业数量,
     name_en: High-tech enterprises, unit: 家, base_year: 2020, base_value: 1000, target_year: 2025,
     target_value: 2000, target_kind: level, direction: increase, quote: 高新技术企业达到2000家}
""", encoding="utf-8")
    return {"observations": (str(csv),), "targets": str(plan)}


def test_growth_from_a_lower_bound_is_a_bound(bounded):
    """From "over 1,500" in 2023 to 2,000 in 2025 the growth still required is at most 15.5 %/yr
    (sqrt(2000/1500) - 1); from the exact 1,000 of 2020 it is exactly 14.9 %/yr, and the growth achieved
    to "over 1,500" is at least 14.5 %/yr: on the briefing, the dashboard (page and notebook), the explorer's
    summary and in answers.csv."""
    a = sf.answer(sf.Question(region="样例市", indicator="hightech_enterprises", target_year=2025, n_paths=300,
                              **bounded))
    assert a.latest_is_lower_bound and a.required_growth_from_latest == pytest.approx(100 * ((4 / 3) ** 0.5 - 1))
    assert a.growth_bounds == {"required_growth_from_latest": "upper", "required_growth_from_base": None,
                               "achieved_growth_from_base": "lower", "lead_growth": "upper"}
    fields = answer_fields({"kind": "briefing", **a.to_json()})
    assert (fields["required_growth_from_latest_bound"], fields["required_growth_from_base_bound"]) == ("upper", None)
    board = dashboard.build_dashboard(region="样例市", n_paths=300, methods=("opensdg",),
                                      observation_files=bounded["observations"], targets_file=bounded["targets"])
    [row] = dashboard.answer_block(board)["rows"]
    assert row["required_growth_from_latest_bound"] == "upper"
    for language, at_most, at_least in (("zh", "至\u2060多\u00a015.5\u00a0%/\u2060年", "至\u2060少\u00a014.5\u00a0%/\u2060年"),
                                        ("en", "at most\u00a015.5\u00a0%/yr", "at least\u00a014.5\u00a0%/yr")):
        page = render.render_briefing(briefing.build_payload(a, language), {}, svg=False)
        assert re.search(r'id="required-from-latest">([^<]*)<', page).group(1) == at_most
        assert re.search(r'id="required-from-base">([^<]*)<', page).group(1) == sf.formats.format_rate(
            a.required_growth_from_base, language) == ("14.9\u00a0%/\u2060年" if language == "zh" else "14.9\u00a0%/yr")
        assert at_least in page
        shown = notebook.dashboard_table(board, language).iloc[0]
        labels = dashboard.display_labels(board, language, units=False)
        assert (shown[labels["required_from_latest"]], shown[labels["achieved_growth"]]) == (at_most, at_least)
        assert_page_shows_the_notebook_strings(board, language)
        assert at_most in dict(explore.summary_rows(a, language)).values()  # the explorer's summary


# -- the explorer and the briefing: one list of the data's conflicts and revisions ----------------------------
@pytest.mark.parametrize("region", ["石家庄", "全国"])
def test_the_explorer_lists_the_conflicts_and_revisions_the_briefing_lists(region):
    """石家庄's R&D intensity has two values for 2023 (2.76 % and 2.52 %); the national one was revised for
    2023 and 2024 (2.65 % -> 2.58 %): the explorer's summary lists every line the briefing lists."""
    observations, targets = load_data()
    state = explore.initial_state(region=region, indicator="rd_intensity", n_paths=300)
    explored = explore.explore_state_to_result(state, observations, targets)
    fields = dict(region=region, indicator="rd_intensity", target_year=state.target_year, n_paths=300)
    if region != "石家庄":  # no plan: the explorer's own target
        fields["target_value"] = explored.answer.target.level
    page = briefing.build_payload(sf.answer(sf.Question(**fields)), "zh")
    summary = html.unescape(explore.summary_html(explored))
    lines = page["conflicts"] + page["revisions"] + page["caveats"]
    assert page["conflicts"] if region == "石家庄" else page["revisions"]
    assert [line for line in lines if line not in summary] == []
    if region == "石家庄":
        assert any("2023" in line and "2.52" in line for line in page["conflicts"])


# -- rates written as fractions ------------------------------------------------------------------------------
def test_drivers_rates_written_as_fractions_are_warned_about_beside_their_own_series(caplog):
    """``rd_growth: 0.12`` and ``gdp_growth: 0.06`` (R&D intensity's drivers scenario) were surely meant as
    12 and 6 %/yr: 石家庄's R&D expenditure and GDP grew far faster.  Each warning names the series it was
    set beside; 12 and 6 pass without a word."""
    from sjzforecast.params import check_against_data

    observations, targets = load_data()
    drivers = {"region": "石家庄", "indicator": "rd_intensity", "scenario": "drivers"}
    with caplog.at_level("WARNING", logger="sjzforecast.params"):
        check_against_data({**drivers, "rd_growth": 0.12, "gdp_growth": 0.06}, "mine.yaml", observations, targets)
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 2, warned
    assert warned[0].startswith("mine.yaml: key 'rd_growth' = 0.12: 0.12 means 0.12 %/yr; for 12 %/yr write 12 "
                                "(rates are in percent a year; rd_expenditure grew ")
    assert warned[1].startswith("mine.yaml: key 'gdp_growth' = 0.06: 0.06 means 0.06 %/yr; for 6 %/yr write 6 "
                                "(rates are in percent a year; gdp grew ")
    caplog.clear()
    with caplog.at_level("WARNING", logger="sjzforecast.params"):
        check_against_data({**drivers, "rd_growth": 12.0, "gdp_growth": 6.0}, "mine.yaml", observations, targets)
    assert caplog.records == []


# -- UNSD 2023's limit targets -------------------------------------------------------------------------------
def test_unsd2023_reads_a_limit_target_in_one_place():
    """A target of 0 or 100 with a tolerance is the 2023 edition's limit target (``limit_target``): a value one
    point short of 100 counts as met (``met_level`` 99) and lies near it (``near_limit``); with no tolerance,
    or a target of 90, neither."""
    from sjzforecast.progress.assessment import Case
    from sjzforecast.progress.unsd import limit_target, met_level, near_limit

    def case(target, last):
        return Case.build("unsd2023", pd.Series([80.0, last], index=[2015, 2020]), target, 2030)

    assert limit_target(case(100.0, 99.2), 1.0) and not limit_target(case(100.0, 99.2), None)
    assert not limit_target(case(90.0, 89.5), 1.0)
    assert (met_level(case(100.0, 99.2), 1.0), near_limit(case(100.0, 99.2), 1.0)) == (99.0, True)
    assert (met_level(case(100.0, 98.5), 1.0), near_limit(case(100.0, 98.5), 1.0)) == (99.0, False)
    assert (met_level(case(90.0, 89.5), 1.0), near_limit(case(90.0, 89.5), 1.0)) == (90.0, False)
    assert (met_level(case(100.0, 99.2), None), near_limit(case(100.0, 99.2), None)) == (100.0, False)
