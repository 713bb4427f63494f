"""Answers read back from pages: every number of answers.csv comes with its basis."""
import sjzforecast
from sjzforecast.answers import CSV_COLUMNS, answer_fields


def test_a_csv_row_names_the_base_year_of_its_growth_and_a_latest_lower_bound():
    """``required_growth_from_base`` means nothing without the year it is measured from; a latest value
    published as a lower bound ("超过1.5万家") says so."""
    result = sjzforecast.answer(sjzforecast.Question(region="河北", indicator="hightech_enterprises", n_paths=200,
                                                     targets="data/plans/hebei-14th.yaml"))
    fields = answer_fields({"kind": "briefing", **result.to_json()})
    assert {"base_year", "plan_base_year", "latest_lower_bound", "required_growth_from_base"} <= set(CSV_COLUMNS)
    assert (fields["base_year"], fields["plan_base_year"], fields["latest_lower_bound"]) == (2012, 2020, True)
    assert fields["required_growth_from_base"] == result.required_growth_from_base
