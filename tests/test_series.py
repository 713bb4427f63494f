import sjzforecast


def test_conflicting_2023_intensity_is_reported_not_hidden(observations):
    sel = sjzforecast.select_series(observations, "石家庄", "rd_intensity")
    assert list(sel.series.index) == [2015, 2020, 2023]
    assert sel.series[2023] == 2.76  # the bulletin's direct value beats the ambiguous note
    assert [(c.year, c.chosen, c.alternatives) for c in sel.conflicts] == [(2023, 2.76, (2.52,))]
    variants = sjzforecast.series_variants(sel)
    assert set(variants) == {"main", "2023=2.52"}
    assert variants["2023=2.52"][2023] == 2.52


def test_same_value_from_two_sources_is_not_a_conflict(observations):
    sel = sjzforecast.select_series(observations, "河北", "rd_expenditure")
    assert 2020 not in [c.year for c in sel.conflicts]
    assert sel.series[2020] == 634.4


def test_unknown_indicator_lists_known(observations):
    import pytest
    with pytest.raises(ValueError, match="No observations of 'nope' for '石家庄'; known indicators there:"):
        sjzforecast.select_series(observations, "石家庄", "nope")
