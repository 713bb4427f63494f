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


def test_a_rounding_difference_is_not_a_conflict_and_the_precise_value_is_used(observations):
    sel = sjzforecast.select_series(observations, "石家庄", "rd_expenditure")
    assert 2020 not in [c.year for c in sel.conflicts]
    assert sel.series[2020] == 117.38


def test_rounding_helpers():
    from sjzforecast.precision import READ_DECIMALS, decimals_of
    from sjzforecast.series import same_up_to_rounding, significant_digits
    assert [decimals_of([x], READ_DECIMALS) for x in (117.38, 117.4, 2499.0, 0.001, 117.3812)] == [2, 1, 0, 3, 4]
    assert [significant_digits(x) for x in (117.4, 2499.0, 0.05, 1.83)] == [4, 4, 1, 3]
    assert same_up_to_rounding(117.38, 117.4) and same_up_to_rounding(6606.6, 6607)
    assert not same_up_to_rounding(2.0, 2.02)  # "2.00" vs "2.02": a revision, not rounding
    assert not same_up_to_rounding(1.61, 1.62) and not same_up_to_rounding(6490.3, 6606.6)


def test_values_published_as_lower_bounds_are_flagged_from_the_data_files_note(observations):
    """'超过1.5万家' is stored as 15000 with ``note: lower bound (...)``: the note is read once, into the
    selection's ``lower_bound`` column."""
    from sjzforecast.series import is_lower_bound

    bounds = observations[observations["derived"].map(is_lower_bound)]
    assert set(zip(bounds["region"], bounds["indicator"], bounds["year"])) == {
        ("河北", "hightech_enterprises", 2024), ("河北", "tech_sme", 2025), ("全国", "rd_expenditure", 2025),
        ("邢台", "tech_sme_national", 2025)}
    assert not is_lower_bound("derived: lower bound of 2.13-0.30") and not is_lower_bound("")
    hebei = sjzforecast.select_series(observations, "河北", "hightech_enterprises")
    assert hebei.rows.set_index("year")["lower_bound"].to_dict() == {2012: False, 2017: False, 2024: True}
    assert hebei.latest_is_lower_bound
    assert not sjzforecast.select_series(observations, "石家庄", "hightech_enterprises").latest_is_lower_bound


def test_a_lower_bound_can_be_marked_in_chinese_and_the_template_says_how(observations):
    """A user filling the template in Chinese marks "超过1.5万家" with ``note: 下限``; the template's notes say so."""
    from sjzforecast import template_xlsx
    from sjzforecast.series import is_lower_bound

    assert is_lower_bound("note: 下限（原文“超过1.5万家”）") and is_lower_bound("note: Lower bound")
    mine = observations.copy()
    row = (mine["region"] == "石家庄") & (mine["indicator"] == "tech_sme") & (mine["year"] == 2024)
    mine.loc[row, "derived"] = "note: 下限"
    assert sjzforecast.select_series(mine, "石家庄", "tech_sme").latest_is_lower_bound
    assert "note: 下限" in template_xlsx.NOTES_ZH["derived"] and "note: lower bound" in template_xlsx.COLUMN_NOTES["derived"]
