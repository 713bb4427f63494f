"""The fault matrix: one test per bad input, each asserting what its message names.

Every case checks that the files under ``data/raw`` are byte-identical afterwards.
"""
import hashlib
import json
import logging
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import yaml

import sjzforecast
from sjzforecast import batch, briefing, cli, data, paths, render
from sjzforecast.errors import SjzforecastError
from sjzforecast.params import check_against_data, notebook_defaults, read_params_file, validate_params

#: Strings that try to leave an HTML script element or break the JSON inside it.
HOSTILE = ['<script>alert("x")</script>', '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">',
           "<!--", "</script", "</SCRIPT >", "<![CDATA[", "]]>", "-->", "a & b &amp; c", "line\u2028separator\u2029",
           "back\\slash \\u003c", "'single' \"double\""]


def _raw_digests():
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths.RAW_OBSERVATIONS.parent.rglob("*"))
            if p.is_file()}


@pytest.fixture(autouse=True)
def raw_data_untouched():
    before = _raw_digests()
    yield
    assert _raw_digests() == before, "a file under data/raw changed"


def _params_file(tmp_path, text: str, name: str = "run.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _check_params(path, observations, targets):
    """Every check the batch makes on a params file before the notebook runs; returns its parameters."""
    _, notebook, parameters = validate_params(read_params_file(path), path)
    check_against_data({**notebook_defaults(notebook), **parameters}, path, observations, targets)
    return parameters


def _refused(path, observations, targets) -> str:
    with pytest.raises(SjzforecastError) as info:
        _check_params(path, observations, targets)
    return str(info.value)


# -- params files ---------------------------------------------------------------------------

def test_a_key_given_twice_in_params_names_file_lines_and_key(tmp_path, observations, targets):
    path = _params_file(tmp_path, "indicator: rd_intensity\nseed: 1\nindicator: gdp\n")
    message = _refused(path, observations, targets)
    assert str(path) in message and "line 3" in message and "'indicator'" in message and "lines 1 and 3" in message


def test_a_key_given_twice_in_a_target_names_file_line_and_key(tmp_path):
    lines = paths.TARGETS.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("    target_value:"))
    lines.insert(first + 1, "    target_value: 99\n")
    path = tmp_path / "targets.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SjzforecastError, match=rf"targets\.yaml, line {first + 2}: key 'target_value' is given "
                                               rf"twice \(lines {first + 1} and {first + 2}\)"):
        data.load_targets(path)


def test_an_empty_params_file_is_refused(tmp_path, observations, targets):
    for text in ("", "# only a comment\n"):
        message = _refused(_params_file(tmp_path, text), observations, targets)
        assert "run.yaml" in message and "empty" in message and "indicator: rd_intensity" in message


def test_plain_coercions_are_accepted_with_a_note(tmp_path, observations, targets, caplog):
    path = _params_file(tmp_path, 'target_year: "2030"\nrd_growth: 12\nn_paths: 1000.0\n')
    with caplog.at_level(logging.INFO, logger="sjzforecast.params"):
        parameters = _check_params(path, observations, targets)
    assert parameters["target_year"] == 2030 and type(parameters["target_year"]) is int
    assert parameters["rd_growth"] == 12.0 and type(parameters["rd_growth"]) is float
    assert parameters["n_paths"] == 1000 and type(parameters["n_paths"]) is int
    assert "key 'target_year' = '2030' read as int 2030" in caplog.text
    assert "key 'rd_growth' = 12 read as float 12.0" in caplog.text


def test_text_that_is_no_number_is_still_refused(tmp_path, observations, targets):
    message = _refused(_params_file(tmp_path, "target_year: soon\n"), observations, targets)
    assert "'target_year' = 'soon' is not of type int; give a whole number such as 2030" in message


@pytest.mark.parametrize("text, names", [
    ("indicater: rd_intensity\n", ["unknown key 'indicater'", "did you mean 'indicator'?", "valid keys"]),
    ("indicator: rd_intensty\n", ["'indicator' = 'rd_intensty'", "did you mean 'rd_intensity'", "are known"]),
    ("model: damp\n", ["'model' = 'damp'", "did you mean 'damped'?", "known: ['arima', 'auto', 'combination'"]),
    ("scenario: hihg\n", ["'scenario' = 'hihg'", "did you mean 'high'?", "known: ['bau'"]),
    ("region: 石家\n", ["'region' = '石家'", "did you mean '石家庄'?"]),
])
def test_misspelled_names_get_did_you_mean(tmp_path, observations, targets, text, names):
    message = _refused(_params_file(tmp_path, text), observations, targets)
    assert "run.yaml" in message and all(n in message for n in names), message


@pytest.mark.parametrize("text, names", [
    ("n_paths: 0\n", ["key 'n_paths' = 0", "at least 100"]),
    ("n_paths: 99\n", ["key 'n_paths' = 99", "at least 100"]),
    ("seed: -1\n", ["key 'seed' = -1", "whole number >= 0"]),
])
def test_simulation_settings_out_of_range_name_the_key(tmp_path, observations, targets, text, names):
    message = _refused(_params_file(tmp_path, text), observations, targets)
    assert "run.yaml" in message and all(n in message for n in names), message


@pytest.mark.parametrize("text, names", [
    ("target_mode: hold\n", ["key 'target_mode' = 'hold'", "valid: ['plan', 'pace']"]),
    ("as_of: yesterday\n", ["key 'as_of' = 'yesterday'", "ISO date"]),
    ("target_year: 2101\n", ["key 'target_year' = 2101", "years after 2100"]),
    ("region: 石家\n", ["key 'region' = '石家'", "did you mean '石家庄'?"]),
    ("language: fr\n", ["key 'language' = 'fr'", "known: ['zh', 'en']"]),
    ("methods: [opensdg, unsd2024]\n", ["key 'methods'", "No method named 'unsd2024'", "did you mean"]),
])
def test_dashboard_params_are_checked_as_a_questions_fields(tmp_path, observations, targets, text, names):
    message = _refused(_params_file(tmp_path, "notebook: plan_dashboard.ipynb\n" + text), observations, targets)
    assert "run.yaml" in message and all(n in message for n in names), message


def test_an_as_of_before_the_data_names_the_file_and_the_first_date(tmp_path, observations, targets):
    message = _refused(_params_file(tmp_path, "indicator: rd_intensity\nas_of: '2010-01-01'\n"), observations, targets)
    assert message.startswith(f"{tmp_path / 'run.yaml'}: No comparable observations known on 2010-01-01 of "
                              "'rd_intensity' for '石家庄': none was published by then (the first is known from "
                              "2016-01-01); choose a later as_of"), message


def test_a_good_dashboard_params_file_passes(tmp_path, observations, targets):
    path = _params_file(tmp_path, "notebook: plan_dashboard.ipynb\ntarget_year: 2035\nas_of: '2025-01-01'\n")
    assert _check_params(path, observations, targets)["target_year"] == 2035


def test_a_gbk_targets_file_names_the_file_and_the_encoding(tmp_path):
    path = tmp_path / "targets.yaml"
    path.write_bytes(paths.TARGETS.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    with pytest.raises(SjzforecastError, match=r"targets\.yaml: not UTF-8 text .*save the file as UTF-8"):
        data.load_targets(path)


# -- the forecast API -----------------------------------------------------------------------

VALUES = [1.83, 2.13, 2.76]


@pytest.mark.parametrize("index", [[2015, 2020, 2023], [2015.0, 2020.0, 2023.0], ["2015", "2020", "2023"],
                                   pd.to_datetime(["2015-12-31", "2020-12-31", "2023-12-31"]),
                                   pd.PeriodIndex(["2015", "2020", "2023"], freq="Y")])
def test_year_like_indexes_are_read_as_their_years(index):
    fc = sjzforecast.forecast(pd.Series(VALUES, index=index), h=2, n_paths=200)
    assert list(fc.index) == [2024, 2025]


@pytest.mark.parametrize("index, names", [
    (pd.to_datetime(["2023-01-31", "2023-02-28", "2023-03-31"]), ["'2023-01-31'", "one value per year"]),
    (pd.PeriodIndex(["2023-01", "2023-02", "2023-03"], freq="M"), ["'2023-01'", "one value per year"]),
    (["a", "b", "c"], ["calendar years", "'a', 'b', 'c'"]),
    ([2015.5, 2020, 2023], ["calendar years", "2015.5"]),
    ([1672531200000000001, 1672531200000000002, 1672531200000000003], ["1672531200000000001"]),
])
def test_other_indexes_are_refused_naming_the_values(index, names):
    with pytest.raises(SjzforecastError) as info:
        sjzforecast.forecast(pd.Series(VALUES, index=index), h=1)
    assert all(n in str(info.value) for n in names), str(info.value)


@pytest.mark.parametrize("arguments, names", [
    (dict(levels=(80, 80)), ["levels must be unique", "[80, 80]"]),
    (dict(levels="80"), ["sequence of numbers", "'80'"]),
    (dict(levels=(0, 95)), ["strictly between 0 and 100", "[0, 95]"]),
    (dict(n_paths=0), ["n_paths", "at least 100", "got 0"]),
    (dict(seed=-1), ["seed", ">= 0", "got -1"]),
    (dict(h=0), ["h must be", ">= 1", "got 0"]),
    (dict(model="damp"), ["No model named 'damp'", "did you mean 'damped'?", "known: ["]),
])
def test_bad_forecast_arguments_name_the_argument_and_what_is_valid(arguments, names):
    y = pd.Series(VALUES, index=[2015, 2020, 2023])
    with pytest.raises(SjzforecastError) as info:
        sjzforecast.forecast(y, **{"h": 1, **arguments})
    assert all(n in str(info.value) for n in names), str(info.value)


def test_text_values_are_refused_naming_value_and_year():
    y = pd.Series(["1.83", "n/a", "2.76"], index=[2015, 2020, 2023])
    with pytest.raises(SjzforecastError, match=r"values must be numbers; got 'n/a' in 2020"):
        sjzforecast.forecast(y, h=1)


# -- the zero rule --------------------------------------------------------------------------

def test_a_zero_in_a_growth_series_is_refused_naming_indicator_and_year():
    y = pd.Series([0.0, 2400.0, 2900.0, 3500.0], index=[2015, 2019, 2021, 2023], name="hightech_enterprises")
    for model in ("auto", "drift", "naive"):
        with pytest.raises(SjzforecastError, match=r"^hightech_enterprises: .*needs positive values; got 0 in 2015"):
            sjzforecast.forecast(y, h=2, model=model)
    levels = sjzforecast.fit_model(y, "drift", transform="none")  # the level scale, chosen explicitly
    assert levels.glance()["transform"] == "none"


def test_a_zero_latest_value_on_the_level_scale_names_indicator_year_and_what_to_do(tmp_path):
    """The linear model fits a zero; the growth required from it does not exist, and the error says where."""
    own = tmp_path / "zero.csv"
    pd.DataFrame([dict(region="石家庄", indicator="tech_sme", year=2025, value=0, unit="家",
                       source_url="http://kjj.sjz.gov.cn/example", quote="科技型中小企业 0 家", derived="",
                       flag="p", published="2026-02-01")]).to_csv(own, index=False)
    question = sjzforecast.Question(indicator="tech_sme", model="linear", target_year=2026, n_paths=500,
                                    observations=(str(own),))
    with pytest.raises(SjzforecastError, match=r"^tech_sme: a growth rate cannot start from a zero value; got 0 in "
                                               r"2025\. Correct or remove it if 0 stands for a missing number"):
        sjzforecast.answer(question)


@pytest.mark.parametrize("value", [0.0, 3.0])
def test_auto_takes_a_constant_series_with_naive_and_says_so(value):
    y = pd.Series([value] * 4, index=[2017, 2019, 2021, 2023], name="incubators")
    glance = sjzforecast.fit_model(y, "auto").glance()
    assert glance["model"] == "auto" and glance["ran"] == glance["auto_choice"] == "naive"
    assert glance["auto_reason"] == f"every value is {value:g}, a constant series"
    fc = sjzforecast.forecast(y, h=2)
    assert np.allclose(fc["mean"], value, rtol=0.01) and np.isfinite(fc.to_numpy()).all()


# -- JSON embedded in pages -----------------------------------------------------------------

@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_parses_back_and_cannot_leave_the_script(text):
    obj = {"quote": text, "list": [text, 1.5, None], text: True}
    out = render.script_json(obj)
    assert json.loads(out) == obj
    assert not any(c in out for c in "<>&\u2028\u2029"), out


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    """A briefing whose every source quote in every chart and table is a hostile string."""
    result = sjzforecast.analyse_indicator(indicator="hightech_enterprises", target_year=2025, n_paths=500)
    payload = briefing.build_payload(result, "en")
    for spec in payload["charts"].values():
        for records in spec.get("datasets", {}).values():
            for i, record in enumerate(records):
                if "quote" in record:
                    record["quote"] = HOSTILE[i % len(HOSTILE)]
    for i, row in enumerate(payload["data"]):
        row["quote"] = HOSTILE[i % len(HOSTILE)]
    path = tmp_path_factory.mktemp("hostile") / "hostile.html"
    path.write_text(render.render_briefing(payload, {"parameters": " ".join(HOSTILE)}, svg=False), encoding="utf-8")
    return path, payload


def test_hostile_quotes_keep_every_live_chart_rendering(hostile_page, browser):
    from test_browser import Page

    path, payload = hostile_page
    page = Page(browser, path)
    assert page.wait_for_charts() == len(payload["charts"])
    for name, spec in payload["charts"].items():
        parsed = page.page.evaluate(f"JSON.parse(document.getElementById('spec-{name}').textContent)")
        assert parsed == json.loads(json.dumps(spec)), name
    assert page.page.evaluate("window.__pwned") is None
    page.close()


# -- the command line and the batch ----------------------------------------------------------

def test_out_under_a_regular_file_is_one_clear_line(tmp_path, capsys):
    blocker = tmp_path / "report.html"
    blocker.write_text("not a folder", encoding="utf-8")
    for out, names in ((blocker / "reports", [f"{blocker} is a file", "no folder can be made under it"]),
                       (blocker, [f"--out {blocker} is a file, not a folder"])):
        assert cli.main(["batch", str(paths.PARAMS_DIR / "rd_intensity_2025.yaml"), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and all(n in err for n in names), err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_out_in_an_unwritable_place_is_one_clear_line(capsys):
    assert cli.main(["batch", str(paths.PARAMS_DIR / "rd_intensity_2025.yaml"), "--out", "/proc/reports"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out /proc/reports: cannot write in /proc" in err, err


def test_the_cli_prints_an_error_once_without_traceback_and_v_shows_it(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    command = [sys.executable, "-m", "sjzforecast", "batch", str(tmp_path), "--out", str(blocker / "out")]
    quiet = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 2 and quiet.stderr.count("\n") == 1 and "Traceback" not in quiet.stderr
    verbose = subprocess.run(command[:3] + ["-v"] + command[3:], capture_output=True, text=True, timeout=300)
    assert verbose.returncode == 2 and "Traceback" in verbose.stderr
    assert verbose.stderr.count("is a file, so no folder can be made under it") == 2  # the traceback, then the line


def test_a_failed_run_is_reported_once(tmp_path, capsys):
    params = tmp_path / "params"
    params.mkdir()
    _params_file(params, "indicator: rd_intensty\n", "typo.yaml")
    assert cli.main(["batch", str(params), "--out", str(tmp_path / "out"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err.count("rd_intensty") == 1 and err.startswith("FAILED typo: ") and "typo.yaml" in err, err


#: A user's bad params files: file name -> (content, what the run's error must name).
BAD_PARAMS = {
    "wrong_key": ("indicator: rd_intensity\ntarget_yaer: 2025\n",
                  ["unknown key 'target_yaer'", "did you mean 'target_year'", "valid keys"]),
    "wrong_type": ("indicator: rd_intensity\ntarget_year: twenty\n",
                   ["key 'target_year' = 'twenty'", "a whole number such as 2030"]),
    "unknown_indicator": ("indicator: rd_intensty\n", ["key 'indicator' = 'rd_intensty'", "did you mean 'rd_intensity'"]),
    "unknown_region": ("region: 石家荘\nindicator: rd_intensity\n", ["key 'region' = '石家荘'", "did you mean '石家庄'"]),
    "before_base": ("indicator: rd_intensity\ntarget_year: 2010\n",
                    ["key 'target_year' = 2010", "before the last observation", "choose 2023 to 2053"]),
    "empty": ("", ["the params file is empty", "e.g. 'indicator: rd_intensity'"]),
    "a_list": ("- indicator: rd_intensity\n", ["expected a mapping", "'name: value'", "got a list"]),
    "unclosed": ("indicator: rd_intensity\ntarget_year: [2025\n",
                 ["line 3: not valid YAML", "flow sequence begun on line 2"]),
    "indented": ("indicator: rd_intensity\n  target_year: 2025\n", ["line 2: not valid YAML", "indented"]),
    "one_file_not_a_list": ("indicator: rd_intensity\nobservations: mine.csv\n",
                            ["key 'observations' = 'mine.csv' is not of type tuple", "give a list such as [a, b]"]),
    "dashboard_without_plan": ("notebook: plan_dashboard.ipynb\nregion: 保定\n",
                               ["region = '保定': no plan targets", "holds the plan of ['石家庄']"]),
}


def test_every_bad_params_file_fails_its_run_naming_file_key_value_and_what_is_valid(tmp_path, capsys):
    params = tmp_path / "params"
    params.mkdir()
    for name, (content, _) in BAD_PARAMS.items():
        _params_file(params, content, f"{name}.yaml")
    assert cli.main(["batch", str(params), "--out", str(tmp_path / "out"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    failed = dict(line.removeprefix("FAILED ").split(": ", 1) for line in err.splitlines())
    assert sorted(failed) == sorted(BAD_PARAMS) and "Traceback" not in err
    for name, (_, names) in BAD_PARAMS.items():
        assert failed[name].startswith(str(params / f"{name}.yaml")), failed[name]
        assert all(n in failed[name] for n in names), failed[name]


@pytest.mark.parametrize("args, names", [
    ([], ["required: {batch,data}"]),
    (["batch"], ["required: params"]),
    (["data"], ["required: {check,template}"]),
    (["data", "template"], ["required: out"]),
    (["batch", "params", "--jobs", "0"], ["--jobs: '0'", "1 or more"]),
    (["batch", "params", "--as-of", "2024-13-01"], ["--as-of: '2024-13-01' is not a date", "such as 2026-06-30"]),
])
def test_a_command_missing_or_misgiving_an_argument_says_what_is_valid(args, names, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    err = capsys.readouterr().err
    assert info.value.code == 2 and all(n in err for n in names) and "Traceback" not in err, err


def test_a_missing_file_given_to_the_batch_is_one_line_before_any_run(tmp_path, capsys):
    for flag in ("--observations", "--targets"):
        code = cli.main(["batch", str(paths.PARAMS_DIR), "--out", str(tmp_path / "out"), flag, "nothere.csv"])
        assert code == 2 and capsys.readouterr().err == f"sjzforecast: {flag} nothere.csv: no such file\n"
    assert not (tmp_path / "out").exists()


def test_a_file_given_to_the_batch_relative_to_the_working_folder_reaches_every_run(tmp_path, monkeypatch, capsys):
    (tmp_path / "mine.csv").write_bytes(paths.RAW_OBSERVATIONS.read_bytes().split(b"\n", 1)[0] + b"\n"
                                        + "石家庄,rd_intensity,2024,2.9,%,https://tjj.hebei.gov.cn/mine,2.9,,,\n".encode())
    params = _params_file(tmp_path, "indicator: rd_intensity\nn_paths: 200\n", "rd.yaml")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["batch", "rd.yaml", "--out", "out", "--no-progress", "--observations", "mine.csv"]) == 0, \
        capsys.readouterr().err
    assert "https://tjj.hebei.gov.cn/mine" in (tmp_path / "out" / "rd.html").read_text(encoding="utf-8")
    assert params.exists()


HEADER = "region,indicator,year,value,unit,source_url,quote,derived,flag,published\n"
ROW = "石家庄,rd_intensity,2024,{value},%,https://tjj.hebei.gov.cn/x,quote,,,{published}\n"


@pytest.mark.parametrize("content, names", [
    (HEADER.replace("value,", "") + "石家庄,rd_intensity,2024,%,https://x,q,,,\n",
     ["header: missing columns ['value']; expected ['region'"]),
    (HEADER + ROW.format(value="2.9%", published=""), ["line 2: value '2.9%' is not a finite number; give a plain number"]),
    (HEADER + ROW.format(value=2.9, published="") * 2, ["line 3: repeats line 2 (region 石家庄", "remove one of the two rows"]),
    (HEADER + ROW.format(value=2.9, published="2025-13-30"),
     ["line 2: published '2025-13-30' is not a date; valid: empty or YYYY-MM-DD"]),
])
def test_data_check_names_the_file_line_value_and_what_is_valid(tmp_path, capsys, content, names):
    mine = tmp_path / "mine.csv"
    mine.write_text(content, encoding="utf-8")
    assert cli.main(["data", "check", "--observations", str(mine)]) == 1
    (error,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("ERROR")]
    assert error.startswith(f"ERROR {mine}: ") and all(n in error for n in names), error


@pytest.mark.parametrize("key, file_name, content, names", [
    ("observations", "mine.csv", b"", ["mine.csv: the file is empty"]),
    ("observations", "header.csv", b"region,indicator,year,value,unit,source_url,quote,derived\n",
     ["header.csv: has a header but no observations"]),
    ("targets", "plan.yaml", "region: 石家庄\ntargets: []\n".encode("gbk"), ["plan.yaml", "not UTF-8 text"]),
])
def test_the_batch_blames_the_data_file_at_fault(tmp_path, key, file_name, content, names):
    bad = tmp_path / file_name
    bad.write_bytes(content)
    value = [str(bad)] if key == "observations" else str(bad)
    params = _params_file(tmp_path, yaml.safe_dump({"indicator": "rd_intensity", key: value}))
    [spec] = batch.expand_files([params], read_params_file)
    run = batch.execute_run(spec, tmp_path / "out")
    assert run.status == "failed" and run.notebook is None and run.error.startswith(str(bad)), run.error
    assert all(n in run.error for n in names) and "run.yaml" not in run.error, run.error


def test_drift_chosen_by_name_forecasts_an_all_zero_series_flat():
    y = pd.Series([0.0, 0.0, 0.0], index=[2020, 2021, 2022], name="incubators")
    fc = sjzforecast.forecast(y, h=2, model="drift")
    assert np.isfinite(fc.to_numpy()).all() and (fc.to_numpy() == 0).all()
