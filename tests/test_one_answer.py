"""Briefing, dashboard row and explorer show one answer: the same numbers to the last digit."""
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
