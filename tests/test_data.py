import pandas as pd
import pytest
import yaml

import sjzforecast
from sjzforecast.errors import SjzforecastError
from sjzforecast.data import LOADED_COLUMNS, TARGET_COLUMNS


def test_observations_load_with_clean_types(observations):
    assert list(observations.columns) == list(LOADED_COLUMNS)
    assert len(observations) > 900
    assert observations["year"].dtype.kind == "i"
    assert observations["value"].dtype.kind == "f"
    sjz = observations.query("region == '石家庄' and indicator == 'rd_intensity'")
    assert set(sjz["year"]) >= {2015, 2020, 2023}


def test_targets_cover_table_1_and_the_intensity_target(targets):
    assert list(targets.columns) == ["region", *TARGET_COLUMNS]  # no derived level column beside the target
    assert sorted(targets["table_row"].dropna().astype(int)) == list(range(1, 15))
    rd = sjzforecast.data.find_target(targets, "rd_intensity")
    assert (rd.target_value, rd.target_year, rd.target_kind) == (3.0, 2025, "level")
    hte = sjzforecast.data.find_target(targets, "hightech_enterprises")
    assert hte.target_kind == "cumulative_increase" and sjzforecast.target_level(hte) == 4000
    growth = sjzforecast.data.find_target(targets, "rd_expenditure_growth")
    assert growth.target_kind == "growth_rate" and growth.target_value == 12


def _write_csv(tmp_path, rows):
    path = tmp_path / "obs.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


GOOD = dict(region="石家庄", indicator="rd_intensity", year=2020, value=2.13, unit="%",
            source_url="http://example.org", quote="q", derived="")


@pytest.mark.parametrize("change, message", [
    ({"value": "1,557.2"}, r"line 3: value '1,557.2' is not a finite number; give a plain number such as 1557.2 "
                           r"\(no unit, no thousands separator\)"),
    ({"year": 1850}, r"line 3: year 1850 is implausible"),
    ({"year": "20x1"}, r"line 3: year '20x1' is not a finite number; give a year such as 2024"),
    ({"indicator": ""}, r"line 3: empty 'indicator'"),
])
def test_bad_observation_rows_are_named(tmp_path, change, message):
    path = _write_csv(tmp_path, [GOOD, {**GOOD, "year": 2021, **change}])
    with pytest.raises(ValueError, match=message) as err:
        sjzforecast.load_observations(path)
    assert str(path) in str(err.value)


def test_duplicate_key_is_an_error(tmp_path):
    path = _write_csv(tmp_path, [GOOD, GOOD])
    with pytest.raises(ValueError, match=r"line 3: repeats line 2 \(region 石家庄, .*year 2020, .*value 2.13\): "
                                         r"the same number from the same source twice; remove one"):
        sjzforecast.load_observations(path)


def test_missing_and_unknown_columns(tmp_path):
    rows = [{**{k: v for k, v in GOOD.items() if k != "quote"}, "comment": "x"}]
    path = _write_csv(tmp_path, rows)
    with pytest.raises(ValueError, match=r"missing columns \['quote'\], unknown columns \['comment'\]"):
        sjzforecast.load_observations(path)
    misspelled = _write_csv(tmp_path, [{("valeu" if k == "value" else k): v for k, v in GOOD.items()}])
    with pytest.raises(ValueError, match=r"missing columns \['value'\], unknown columns \['valeu'\]; .*"
                                         r"\(did you mean 'value'\?\)"):
        sjzforecast.load_observations(misspelled)


def _targets_file(tmp_path, **change):
    doc = yaml.safe_load(open(sjzforecast.paths.TARGETS, encoding="utf-8"))
    doc["targets"][5].update(change)
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    ({"target_value": "many"}, r"target 6 \('hightech_enterprises'\): target_value = 'many' is not a finite number"),
    ({"target_kind": "vibes"}, r"target_kind = 'vibes'; valid: \['level', 'growth_rate', 'cumulative_increase'\]"),
    ({"target_year": 2019}, r"target_year 2019 is not after base_year 2020"),
    ({"colour": "red"}, r"unknown keys \['colour'\]"),
    ({"target_id": "rd_intensity"}, r"target_id 'rd_intensity' is used twice"),
])
def test_bad_targets_are_named(tmp_path, change, message):
    with pytest.raises(ValueError, match=message):
        sjzforecast.load_targets(_targets_file(tmp_path, **change))


def test_loading_never_writes_the_raw_file():
    path = sjzforecast.paths.RAW_OBSERVATIONS
    before = path.read_bytes()
    sjzforecast.load_observations()
    assert path.read_bytes() == before


def test_targets_say_whose_plan_they_are(targets):
    assert set(targets["region"]) == {"石家庄"}
    assert sjzforecast.data.plan_targets(targets, "河北").empty


# -- files of your own: extra files, data/local, xlsx; loader holes; plausibility per unit --------

def test_extra_files_are_merged_with_their_file_named(tmp_path):
    main = _write_csv(tmp_path, [GOOD])
    extra = tmp_path / "mine.csv"
    pd.DataFrame([{**GOOD, "year": 2024, "value": 2.9, "flag": "p", "published": "2025-05-01"}]).to_csv(extra, index=False)
    obs = sjzforecast.load_observations(main, extra=[extra])
    assert obs["source_file"].tolist() == [str(main), str(extra)]
    assert obs["flag"].tolist() == ["", "p"] and obs["published"].tolist() == ["", "2025-05-01"]


def test_a_bad_extra_file_is_named(tmp_path):
    extra = tmp_path / "mine.csv"
    pd.DataFrame([{**GOOD, "colour": "red"}]).to_csv(extra, index=False)
    with pytest.raises(SjzforecastError, match=r"mine.csv: header: unknown columns \['colour'\]; expected \['region'"):
        sjzforecast.load_observations(_write_csv(tmp_path, [GOOD]), extra=[extra])


def test_local_xlsx_files_are_merged_by_default(tmp_path, monkeypatch):
    raw = _write_csv(tmp_path, [GOOD])
    local = tmp_path / "local"
    local.mkdir()
    pd.DataFrame([{**GOOD, "year": 2024, "value": 2.9}]).to_excel(local / "mine.xlsx", index=False)
    (local / "~$mine.xlsx").write_bytes(b"lock")  # Excel's lock file is skipped
    (local / "README.md").write_text("notes", encoding="utf-8")
    monkeypatch.setattr(sjzforecast.paths, "RAW_OBSERVATIONS", raw)
    monkeypatch.setattr(sjzforecast.paths, "LOCAL_DATA", local)
    obs = sjzforecast.load_observations()
    sel = sjzforecast.select_series(obs, "石家庄", "rd_intensity")
    assert sel.series.to_dict() == {2020: 2.13, 2024: 2.9}
    assert sel.rows.set_index("year").loc[2024, "source_file"] == str(local / "mine.xlsx")


def test_a_bad_xlsx_row_is_named_by_its_row(tmp_path):
    path = tmp_path / "mine.xlsx"
    pd.DataFrame([GOOD, {**GOOD, "year": 2024, "value": -1, "unit": "家"}]).to_excel(path, index=False)
    with pytest.raises(SjzforecastError, match=r"mine.xlsx: row 3: value -1 家 of 'rd_intensity' is implausible"):
        sjzforecast.load_observations(path)


@pytest.mark.parametrize("content, message", [
    (b"", r"the file is empty; expected a header"),
    (",".join(GOOD).encode() + b"\n", r"has a header but no observations"),
    ((",".join(GOOD) + "\n石家庄,rd_intensity,2020,2.13,%,http://x,引文,\n").encode("gbk"),
     r"not UTF-8 text \(byte \d+\): save the file as UTF-8"),
])
def test_unreadable_observation_files_are_named(tmp_path, content, message):
    path = tmp_path / "obs.csv"
    path.write_bytes(content)
    with pytest.raises(SjzforecastError, match=message) as err:
        sjzforecast.load_observations(path)
    assert str(path) in str(err.value)


def test_a_utf8_file_with_byte_order_mark_loads(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_bytes(pd.DataFrame([GOOD]).to_csv(index=False).encode("utf-8-sig"))
    assert sjzforecast.load_observations(path)["region"].tolist() == ["石家庄"]


@pytest.mark.parametrize("content, message", [
    (b"", r"targets.yaml: the file is empty"),
    ("region: 河北\ntargets: []\n".encode("gbk"), r"targets.yaml: not UTF-8 text .*save the file as UTF-8"),
    (None, r"targets.yaml: no such targets file"),
])
def test_unreadable_targets_files_are_named(tmp_path, content, message):
    path = tmp_path / "targets.yaml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SjzforecastError, match=message):
        sjzforecast.load_targets(path)


@pytest.mark.parametrize("change", [
    {"unit": "家", "value": 127000},          # 12.7万 家
    {"unit": "件", "value": 2499.0000000001},  # a whole number up to rounding
    {"unit": "%", "value": 100},
    {"unit": "亿元", "value": 0},
    {"unit": "%/yr", "value": -12.5},          # growth rates are not bounded here
])
def test_plausible_values_load(tmp_path, change):
    assert len(sjzforecast.load_observations(_write_csv(tmp_path, [{**GOOD, **change}]))) == 1


@pytest.mark.parametrize("change, message", [
    ({"unit": "家", "value": -5}, r"value -5 家 .* is implausible \(valid: a non-negative whole number\)"),
    ({"unit": "个", "value": 12.5}, r"value 12.5 个 .* is implausible \(valid: a non-negative whole number\)"),
    ({"unit": "%", "value": 130}, r"value 130 % .* is implausible \(valid: between 0 and 100\)"),
    ({"unit": "亿元", "value": -0.1}, r"value -0.1 亿元 .* is implausible \(valid: non-negative\)"),
])
def test_implausible_values_are_named(tmp_path, change, message):
    path = _write_csv(tmp_path, [GOOD, {**GOOD, "year": 2021, **change}])
    with pytest.raises(SjzforecastError, match="line 3: " + message):
        sjzforecast.load_observations(path)


def test_an_unsourced_row_loads_only_when_estimated_or_unreliable(tmp_path):
    bare = {**GOOD, "year": 2021, "source_url": "", "quote": ""}
    with pytest.raises(SjzforecastError, match=r"line 3: no source_url and no quote: give the source, or flag the row 'e' or 'u'"):
        sjzforecast.load_observations(_write_csv(tmp_path, [GOOD, bare]))
    obs = sjzforecast.load_observations(_write_csv(tmp_path, [GOOD, {**bare, "flag": "e"}]))
    assert obs["unsourced"].tolist() == [False, True]
