"""Observation status and vintages (flag, published, as_of): one good and one bad file per rule."""
import pandas as pd
import pytest

import sjzforecast
from sjzforecast.errors import SjzforecastError
from sjzforecast.sources import source_kind

ROW = dict(region="甲市", indicator="rd_intensity", year=2020, value=2.0, unit="%",
           source_url="http://tjj.example.gov.cn/1", quote="q", derived="", flag="", published="")


def load(tmp_path, rows, name="obs.csv"):
    path = tmp_path / name
    pd.DataFrame([{**ROW, **r} for r in rows]).to_csv(path, index=False)
    return sjzforecast.load_observations(path)


def select(tmp_path, rows, **kwargs):
    return sjzforecast.select_series(load(tmp_path, rows), "甲市", "rd_intensity", **kwargs)


def test_a_later_publication_is_a_revision_not_a_conflict(tmp_path):
    sel = select(tmp_path, [dict(year=2023, value=2.08, published="2024-10-02"),
                            dict(year=2023, value=2.00, published="2025-09-29", flag="r", source_url="http://b")])
    assert sel.series[2023] == 2.00
    assert not sel.conflicts
    assert [(r.year, r.value, r.earlier) for r in sel.revisions] == [(2023, 2.0, ((2.08, "2024-10-02"),))]
    assert sel.rows.set_index("value").loc[2.08, "status"] == "superseded"


def test_same_date_different_values_remain_a_conflict(tmp_path):
    sel = select(tmp_path, [dict(year=2023, value=2.08, published="2024-10-02"),
                            dict(year=2023, value=2.00, published="2024-10-02", source_url="http://b")])
    assert [(c.year, c.chosen, c.alternatives) for c in sel.conflicts] == [(2023, 2.08, (2.0,))]
    assert not sel.revisions


def test_revised_supersedes_provisional_without_dates(tmp_path):
    sel = select(tmp_path, [dict(year=2024, value=2.10, flag="p"),
                            dict(year=2024, value=2.04, flag="r", source_url="http://b")])
    assert sel.series[2024] == 2.04 and not sel.conflicts
    assert sel.revisions[0].earlier == ((2.10, ""),)


def test_as_of_gives_the_data_as_known_then(tmp_path):
    rows = [dict(year=2022, value=2.0), dict(year=2023, value=2.08, published="2024-10-02"),
            dict(year=2023, value=2.00, published="2025-09-29", flag="r", source_url="http://b"),
            dict(year=2024, value=2.04, published="2025-09-29", flag="p", source_url="http://b")]
    then = select(tmp_path, rows, as_of="2025-01-01")
    assert then.series.to_dict() == {2022: 2.0, 2023: 2.08}
    assert select(tmp_path, rows).series.to_dict() == {2022: 2.0, 2023: 2.0, 2024: 2.04}
    with pytest.raises(SjzforecastError, match=r"as_of 'mid-2024' is not a date; valid: YYYY-MM-DD"):
        select(tmp_path, rows, as_of="mid-2024")


def test_as_of_before_any_publication_is_an_error(tmp_path):
    with pytest.raises(SjzforecastError, match="No comparable observations known on 2020-06-30"):
        select(tmp_path, [dict(year=2020, value=2.0)], as_of="2020-06-30")


def test_definition_differs_rows_never_enter_the_series(tmp_path):
    sel = select(tmp_path, [dict(year=2012, value=205, unit="家", flag="d", quote="入统企业"),
                            dict(year=2013, value=2.1), dict(year=2015, value=2.3)])
    assert list(sel.series.index) == [2013, 2015]
    assert sel.excluded["quote"].tolist() == ["入统企业"]
    assert not sel.excluded["used"].any()


def test_only_definition_differs_rows_is_an_error(tmp_path):
    with pytest.raises(SjzforecastError, match=r"1 rows flagged d \(definition differs\), none usable"):
        select(tmp_path, [dict(year=2012, value=205, unit="家", flag="d")])


def test_a_break_starts_a_new_segment(tmp_path):
    rows = [dict(year=2015, value=1.5), dict(year=2018, value=1.8), dict(year=2020, value=2.5, flag="b"),
            dict(year=2022, value=2.7)]
    sel = select(tmp_path, rows)
    assert list(sel.series.index) == [2020, 2022] and sel.segment_start == 2020
    assert set(sel.rows.loc[sel.rows["year"] < 2020, "status"]) == {"before_break"}
    assert list(select(tmp_path, rows, from_break=False).series.index) == [2015, 2018, 2020, 2022]


def test_estimated_and_unreliable_rows_are_used_but_flagged(tmp_path):
    sel = select(tmp_path, [dict(year=2020, value=2.0), dict(year=2021, value=2.1, flag="u"),
                            dict(year=2022, value=2.2, flag="e", source_url="", quote="")])
    assert list(sel.series.index) == [2020, 2021, 2022]
    assert sel.flagged["year"].tolist() == [2021, 2022]
    assert sel.flagged["unsourced"].tolist() == [False, True]


@pytest.mark.parametrize("change, message", [
    ({"flag": "x"}, r"line 2: flag 'x' is not a status code; valid: empty or p \(provisional\)"),
    ({"flag": "pr"}, r"did you mean 'r' or 'p'"),
    ({"published": "2024/10/02"}, r"line 2: published '2024/10/02' is not a date; valid: empty or YYYY-MM-DD"),
])
def test_bad_status_is_named(tmp_path, change, message):
    with pytest.raises(SjzforecastError, match=message):
        load(tmp_path, [change])


def test_the_revised_hebei_2023_intensity_and_its_earlier_vintage(observations):
    sel = sjzforecast.select_series(observations, "河北", "rd_intensity")
    assert sel.series[2023] == 2.00 and sel.series[2024] == 2.04
    revision = next(r for r in sel.revisions if r.year == 2023)
    assert revision.earlier == ((2.08, "2024-10-02"),)
    assert 2023 not in [c.year for c in sel.conflicts]
    then = sjzforecast.select_series(observations, "河北", "rd_intensity", as_of="2025-01-01")
    assert then.series[2023] == 2.08 and 2024 not in then.series.index


def test_shijiazhuang_high_tech_enterprises_start_in_2013(observations):
    sel = sjzforecast.select_series(observations, "石家庄", "hightech_enterprises")
    assert sel.series.index[0] == 2013
    assert sorted(sel.excluded["value"]) == [102, 205]


def test_the_provincial_panel_runs_to_2024(observations):
    panel = sjzforecast.provincial_panel(observations, "rd_intensity")
    assert len(panel) == 31 and all(2024 in s.index for s in panel.values())
    assert panel["河北"][2023] == 2.00  # the revision, not the earlier vintage


def test_shijiazhuangs_2020_gdp_is_the_bulletins_and_the_garbled_repost_only_a_flagged_conflict(observations):
    sel = sjzforecast.select_series(observations, "石家庄", "gdp")
    assert sel.series[2020] == 5935.1  # 石家庄's 2020 statistical bulletin
    assert [(c.year, c.alternatives) for c in sel.conflicts if c.year == 2020] == [(2020, (6045.9,))]
    assert [r for r in sel.revisions if r.year == 2020] == []  # a repost is no later vintage of the bulletin
    repost = sel.rows[sel.rows["value"] == 6045.9].iloc[0]
    assert repost["flag"] == "u" and source_kind(repost["source_url"]) == "repost"
    rd = sjzforecast.select_series(observations, "石家庄", "rd_intensity").series
    assert rd[2020] == 2.13  # the plan's figure, on the city's own GDP basis (117.38 / 5935.1 = 1.98 %)


def test_published_dates_are_the_days_printed_on_the_sources(observations):
    dated = observations[observations["published"] != ""]
    bulletin_2023 = dated["source_url"].str.contains("nbs-RD-bulletin/01-html/2023.html", regex=False)
    bulletin_2024 = dated["source_url"].str.contains("nbs-RD-bulletin/01-html/2024.html", regex=False)
    # the NBS bulletins are dated "2024年10月2日" and 2025-09-29 on their pages (data/README.md)
    assert bulletin_2023.sum() == 64 and set(dated.loc[bulletin_2023, "published"]) == {"2024-10-02"}
    assert set(dated.loc[bulletin_2024, "published"]) == {"2025-09-29"}
    assert (bulletin_2023 | bulletin_2024).all()
    before = sjzforecast.select_series(observations, "上海", "rd_intensity", as_of="2024-10-01").series
    on_the_day = sjzforecast.select_series(observations, "上海", "rd_intensity", as_of="2024-10-02").series
    assert before.index[-1] == 2022 and (on_the_day.index[-1], on_the_day.iloc[-1]) == (2023, 4.34)
