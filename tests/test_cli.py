"""The command line: lazy imports, --dry-run, the --yes guard, batch-wide parameters."""
import shutil
import subprocess
import sys

import nbformat
import pytest

from sjzforecast import cli, paths

GRID = "indicator: rd_intensity\ngrid:\n  seed: {seeds}\n  model: [drift, damped]\n"


def test_the_cli_imports_nothing_heavy_for_help():
    code = ("import sys, sjzforecast.cli as c; c.build_parser().format_help(); "
            "print(sorted(m for m in ('numpy', 'pandas', 'altair', 'papermill', 'jupyter_client', 'statsmodels') "
            "if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_dry_run_lists_every_run_with_its_parameters_and_runs_nothing(tmp_path, capsys):
    (tmp_path / "sweep.yaml").write_text(GRID.format(seeds=[1, 2]), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["batch", str(tmp_path / "sweep.yaml"), "--out", str(out), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("sweep__seed-1__model-drift  [indicator_briefing.ipynb]  "
                        "indicator='rd_intensity', seed=1, model='drift'")
    assert len(lines) == 5 and lines[-1] == "4 runs; nothing was run (--dry-run)"
    assert not out.exists()


def test_batch_flags_set_the_same_parameters_in_every_run_and_only_when_given(tmp_path, capsys, monkeypatch):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "sweep.yaml").write_text(GRID.format(seeds=[1]), encoding="utf-8")
    args = ["batch", str(tmp_path / "params"), "--dry-run"]
    files = tmp_path / "files"
    files.mkdir()
    header = paths.RAW_OBSERVATIONS.read_text(encoding="utf-8").split("\n", 1)[0]
    for name, year in (("a.csv", 2024), ("b.csv", 2025)):  # the dry run reads them, as the runs would
        (files / name).write_text(f"{header}\n石家庄,rd_intensity,{year},2.9,%,https://x.cn,2.9,,,\n", encoding="utf-8")
    shutil.copy(paths.TARGETS, files / "t.yaml")
    monkeypatch.chdir(files)  # relative to where the command is typed, where the runs' kernels work too
    assert cli.main(args + ["--observations", "a.csv", "--observations", "b.csv", "--as-of", "2026-06-30",
                            "--targets", "t.yaml"]) == 0
    runs = capsys.readouterr().out.splitlines()[:-1]
    assert len(runs) == 2 and all(
        run.endswith("observations=['a.csv', 'b.csv'], as_of='2026-06-30', targets='t.yaml'") for run in runs)
    cli.main(args)
    assert "as_of" not in capsys.readouterr().out


def test_a_dry_run_checks_every_run_as_the_real_run_does_and_says_why_one_cannot_run(tmp_path, monkeypatch,
                                                                                   capsys):
    params = tmp_path / "params"
    params.mkdir()
    header = paths.RAW_OBSERVATIONS.read_text(encoding="utf-8").split("\n", 1)[0]
    (tmp_path / "empty.csv").write_text(f"{header}\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_bytes("region: 石家庄\ntargets: []\n".encode("gbk"))
    for name, text in {"good": "indicator: rd_intensity\nn_paths: 200\n",
                       "unknown_key": "indicator: rd_intensity\ncolour: red\n",
                       "moonshots": "indicator: moonshots\n",
                       "too_early": "indicator: rd_intensity\ntarget_year: 2019\n",
                       "empty_data": "indicator: rd_intensity\nobservations: [empty.csv]\n",
                       "bad_plan": "indicator: rd_intensity\ntargets: plan.yaml\n"}.items():
        (params / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def failures(*args):
        """The exit code, and run name -> message of the runs that cannot run (dry) or failed (real)."""
        code = cli.main(["batch", "params", "--out", "out", "--no-progress", *args])
        text = capsys.readouterr()
        if args:
            lines = [line.split(": cannot run: ") for line in text.out.splitlines() if ": cannot run: " in line]
        else:
            lines = [line.removeprefix("FAILED ").split(": ", 1) for line in text.err.splitlines()]
        return code, dict(lines)

    code, dry = failures("--dry-run")
    assert code == 1 and not (tmp_path / "out").exists()
    assert sorted(dry) == ["bad_plan", "empty_data", "moonshots", "too_early", "unknown_key"]
    assert "header but no observations" in dry["empty_data"] and "not UTF-8" in dry["bad_plan"]
    assert cli.main(["batch", "params", "--out", "params/out", "--dry-run"]) == 2  # the report folder too
    assert "refusing to write a report there" in capsys.readouterr().err
    real_code, real = failures()
    assert real_code == 1 and real == dry  # the same runs fail, with the same messages
    assert (tmp_path / "out" / "good.html").exists()


def test_more_than_100_runs_need_yes_without_a_terminal(tmp_path):
    (tmp_path / "big.yaml").write_text(GRID.format(seeds=list(range(51))), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sjzforecast", "batch", str(tmp_path / "big.yaml"), "--out", str(out)]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "102 runs (more than 100); add --yes" in done.stderr
    assert not out.exists()


def test_batch_flags_reach_the_notebook_as_parameters(tmp_path):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "rd.yaml").write_text("indicator: rd_intensity\nn_paths: 500\nas_of: 2020-01-01\n")
    out = tmp_path / "out"
    code = cli.main(["batch", str(tmp_path / "params"), "--out", str(out), "--no-progress",
                     "--as-of", "2026-06-30", "--targets", str(paths.TARGETS)])
    assert code == 0
    nb = nbformat.read(str(out / "notebooks" / "rd.ipynb"), as_version=4)
    (injected,) = [c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'as_of = "2026-06-30"' in injected and f'targets = "{paths.TARGETS}"' in injected


def test_a_params_file_naming_a_project_file_passes_the_check_from_any_folder(tmp_path, capsys, monkeypatch):
    """The shipped 河北 dashboard names ``targets: data/plans/hebei-14th.yaml``, a path inside the project; a
    run finds it from any working folder (:func:`sjzforecast.data.project_path`), so the check does too."""
    monkeypatch.chdir(tmp_path)
    code = cli.main(["batch", str(paths.ROOT / "params" / "hebei_plan_dashboard_2025.yaml"), "--out", "out",
                     "--dry-run"])
    assert code == 0, capsys.readouterr().out
    assert "cannot run" not in capsys.readouterr().out


def test_a_missing_observations_or_targets_file_names_the_params_file_and_its_key(tmp_path, capsys, monkeypatch):
    """A params file's ``observations: [mydata.csv]`` that is not there: the message names that params file,
    the key, the file and the folder a relative path is read from."""
    monkeypatch.chdir(tmp_path)
    for key, value in (("observations", "[mydata.csv]"), ("targets", "plan.yaml")):
        (tmp_path / "mine.yaml").write_text(f"indicator: rd_intensity\n{key}: {value}\n", encoding="utf-8")
        cli.main(["batch", "mine.yaml", "--out", "out", "--dry-run"])
        name = value.strip("[]")
        assert f"mine.yaml: key '{key}' = '{name}': no such file" in capsys.readouterr().out
        assert not (tmp_path / "out").exists()


def test_a_growth_rate_written_as_a_fraction_is_warned_about_by_the_dry_run(tmp_path):
    """``growth_rate: 0.12`` for technology contracts, which grew far faster, was surely meant as 12 %/yr: the
    dry run warns, naming the file, the key and the value and saying the unit, and still lists the run (0.12 %/yr
    can be meant).  12 %/yr, and a small rate beside a series that grew as slowly, pass without a word."""
    from sjzforecast.params import fraction_rate_warnings

    params = tmp_path / "params"
    params.mkdir()
    run = "indicator: tech_contract_value\nscenario: growth\n"
    (params / "fraction.yaml").write_text(run + "growth_rate: 0.12\n", encoding="utf-8")
    (params / "spans.yaml").write_text(run + 'growth_by_year: {"2024": 0.08, "2025-2030": 10.0}\n', encoding="utf-8")
    (params / "percent.yaml").write_text(run + "growth_rate: 12\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sjzforecast", "batch", str(params), "--out", str(tmp_path / "out"),
                           "--dry-run"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "3 runs; nothing was run (--dry-run)"
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2, done.stderr
    fraction = next(w for w in warnings if "fraction.yaml" in w)
    assert "key 'growth_rate' = 0.12: 0.12 means 0.12 %/yr; for 12 %/yr write 12 (rates are in percent a year; " \
           "the indicator grew" in fraction
    assert "spans.yaml: key \"growth_by_year['2024']\" = 0.08: 0.08 means 0.08 %/yr; for 8 %/yr write 8" in \
           next(w for w in warnings if "spans.yaml" in w)
    assert not (tmp_path / "out").exists()
    assert fraction_rate_warnings({"growth_rate": 0.12}, 0.5) == []  # the series grew as slowly: meant
    assert len(fraction_rate_warnings({"growth_rate": -0.12}, 5.0)) == 1
    assert fraction_rate_warnings({"growth_rate": 0.0, "g": 1.0}, 50.0) == []
    assert len(fraction_rate_warnings({"growth_rate": 0.5})) == 1  # no series at hand: any 0 < |rate| < 1


def test_the_drivers_rates_are_set_beside_the_series_as_published_by_as_of(observations, targets, caplog):
    """By mid-2021 石家庄's R&D expenditure was known for 2015 and 2020 only (99.30 -> 117.38 亿元, 3.4 %/yr); its
    whole history (to 196.0 in 2023) grew 8.9 %/yr.  ``rd_growth: 0.9`` is within a fifth of the first and
    warned about only beside the second: the check reads the series the run with that ``as_of`` reads."""
    from sjzforecast.answer import percent_growth
    from sjzforecast.params import check_against_data, rate_checks

    fields = {"region": "石家庄", "indicator": "rd_intensity", "scenario": "drivers", "rd_growth": 0.9,
              "gdp_growth": 6.0}
    for as_of, growth, warned in ((None, percent_growth(2015, 99.30, 196.0, 2023), True),
                                  ("2021-06-30", percent_growth(2015, 99.30, 117.38, 2020), False)):
        checks = {key: observed for rates, observed, _ in rate_checks({**fields, "as_of": as_of}, None, observations)
                  for key in rates}
        assert checks["rd_growth"] == pytest.approx(growth)
        caplog.clear()
        with caplog.at_level("WARNING", logger="sjzforecast.params"):
            check_against_data({**fields, "as_of": as_of}, "mine.yaml", observations, targets)
        assert any("key 'rd_growth' = 0.9" in r.message for r in caplog.records) is warned, (as_of, caplog.text)
