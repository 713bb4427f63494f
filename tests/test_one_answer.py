"""Briefing, dashboard row and explorer show one answer: the same numbers to the last digit."""
import importlib

import pytest

from sjzforecast import briefing, dashboard, explore
from sjzforecast.answer import answer
from sjzforecast.question import Question

N_PATHS = 2000
TARGETS = {"rd_intensity": "rd_intensity", "hightech_enterprises": "hightech_enterprises",
           "rd_expenditure": "rd_expenditure_growth"}


@pytest.fixture(scope="module")
def board_rows():
    board = dashboard.build_dashboard(target_year=2025, n_paths=N_PATHS)
    return {row["target_id"]: row for row in dashboard.build_payload(board, "en")["answer"]["rows"]}


@pytest.mark.parametrize("indicator", list(TARGETS))
def test_briefing_dashboard_and_explorer_agree(indicator, board_rows):
    page = briefing.build_payload(answer(Question(indicator=indicator, n_paths=N_PATHS)), "en")["answer"]
    row = board_rows[TARGETS[indicator]]
    seen = explore.explore_state_to_result(explore.ExploreState(indicator=indicator, n_paths=N_PATHS))
    assert page["p_meet"] == row["p_meet"] == seen.probability
    assert page["categories"] == row["categories"] == dict(seen.categories)
    assert (page["required_growth_from_latest"] == row["required_growth_from_latest"]
            == seen.required_growth == seen.answer.required_growth_from_latest)
    assert page["required_growth_from_base"] == row["required_growth_from_base"]
    assert page["unit"] == row["unit"] == seen.answer.unit
    assert page["target_level"] == row["target_level"] and page["latest_value"] == row["latest_value"]


@pytest.mark.parametrize("as_of", [None, "2025-01-01"])
def test_a_question_selects_its_series_once_for_its_check_and_its_answer(monkeypatch, as_of):
    answer_module, question_module = (importlib.import_module(f"sjzforecast.{name}") for name in ("answer", "question"))
    calls = []
    select = question_module.select_series

    def counting(observations, region, indicator, **kwargs):
        calls.append((region, indicator))
        return select(observations, region, indicator, **kwargs)

    for module in (question_module, answer_module):
        monkeypatch.setattr(module, "select_series", counting)
    result = answer(Question(region="河北", indicator="rd_intensity", target_value=2.5, n_paths=200, as_of=as_of))
    assert calls.count(("河北", "rd_intensity")) == 1
    observations = question_module.load_data()[0]
    assert result.selection.series.equals(select(observations, "河北", "rd_intensity", as_of=as_of).series)
    assert result.latest_year == (2023 if as_of else 2024)
