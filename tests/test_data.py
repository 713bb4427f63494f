import pandas as pd
import pytest
import yaml

import sjzforecast
from sjzforecast.data import LOADED_COLUMNS, TARGET_COLUMNS


def test_observations_load_with_clean_types(observations):
    assert list(observations.columns) == list(LOADED_COLUMNS)
    assert len(observations) > 900
    assert observations["year"].dtype.kind == "i"
    assert observations["value"].dtype.kind == "f"
    sjz = observations.query("region == '石家庄' and indicator == 'rd_intensity'")
    assert set(sjz["year"]) >= {2015, 2020, 2023}


def test_targets_cover_table_1_and_the_intensity_target(targets):
    assert set(TARGET_COLUMNS) <= set(targets.columns)
    assert sorted(targets["table_row"].dropna().astype(int)) == list(range(1, 15))
    rd = sjzforecast.data.find_target(targets, "rd_intensity")
    assert (rd.target_value, rd.target_year, rd.target_kind) == (3.0, 2025, "level")
    hte = sjzforecast.data.find_target(targets, "hightech_enterprises")
    assert hte.target_kind == "cumulative_increase" and hte.target_level == 4000
    growth = sjzforecast.data.find_target(targets, "rd_expenditure_growth")
    assert growth.target_kind == "growth_rate" and growth.target_value == 12


def _write_csv(tmp_path, rows):
    path = tmp_path / "obs.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


GOOD = dict(region="石家庄", indicator="rd_intensity", year=2020, value=2.13, unit="%",
            source_url="http://example.org", quote="q", derived="")


@pytest.mark.parametrize("change, message", [
    ({"value": "abc"}, r"line 3: value 'abc' is not a finite number"),
    ({"year": 1850}, r"line 3: year 1850 is implausible"),
    ({"year": "20x1"}, r"line 3: year '20x1' is not a finite number"),
    ({"indicator": ""}, r"line 3: empty 'indicator'"),
])
def test_bad_observation_rows_are_named(tmp_path, change, message):
    path = _write_csv(tmp_path, [GOOD, {**GOOD, "year": 2021, **change}])
    with pytest.raises(ValueError, match=message) as err:
        sjzforecast.load_observations(path)
    assert str(path) in str(err.value)


def test_duplicate_key_is_an_error(tmp_path):
    path = _write_csv(tmp_path, [GOOD, GOOD])
    with pytest.raises(ValueError, match=r"line 3: repeats the key of line 2"):
        sjzforecast.load_observations(path)


def test_missing_and_unknown_columns(tmp_path):
    rows = [{**{k: v for k, v in GOOD.items() if k != "quote"}, "comment": "x"}]
    path = _write_csv(tmp_path, rows)
    with pytest.raises(ValueError, match=r"missing columns \['quote'\], unknown columns \['comment'\]"):
        sjzforecast.load_observations(path)


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
