"""The briefing and dashboard notebooks read in their run's language, as their pages do.

Each notebook a params file names runs through papermill in a real kernel, once in Chinese and once
in English; what a reader of the executed notebook meets (its Markdown, the outputs' prose and the
tables' headings, :func:`reading.shown`) is in that language, but for code, program names and data.
"""
import re

import nbformat
import papermill
import pytest

import reading
from sjzforecast import batch, paths
from sjzforecast.grid import expand_files
from sjzforecast.i18n import t
from sjzforecast.params import DEFAULT_NOTEBOOK, read_params_file

#: Each notebook in each language, with parameters that keep the run short.
RUNS = {
    ("indicator_briefing", "zh"): {"indicator": "rd_intensity", "n_paths": 500},
    ("indicator_briefing", "en"): {"indicator": "hightech_enterprises", "scenario": "high", "n_paths": 500},
    ("plan_dashboard", "zh"): {"n_paths": 300},
    ("plan_dashboard", "en"): {"target_year": 2030, "n_paths": 300},
}
#: The heading each run opens with.
TITLES = {("indicator_briefing", "zh"): f"# {t('briefing', 'zh')}",
          ("indicator_briefing", "en"): f"# {t('briefing', 'en')}",
          ("plan_dashboard", "zh"): f"# {t('dashboard_title', 'zh', year=2025)}",
          ("plan_dashboard", "en"): f"# {t('dashboard_title', 'en', year=2030)}"}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every run of :data:`RUNS`, executed: ``{(notebook, language): path}``."""
    out = tmp_path_factory.mktemp("notebooks")
    runs = {}
    for (name, language), parameters in RUNS.items():
        runs[name, language] = out / f"{name}_{language}.ipynb"
        papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / f"{name}.ipynb"), str(runs[name, language]),
                                   parameters={**parameters, "language": language}, kernel_name="python3",
                                   cwd=str(paths.NOTEBOOKS_DIR), progress_bar=False)
    return runs


def test_every_notebook_the_params_use_is_read_in_both_languages():
    used = {spec.doc.get("notebook", DEFAULT_NOTEBOOK).removesuffix(".ipynb")
            for spec in expand_files(batch.find_params_files(paths.PARAMS_DIR), read_params_file)}
    assert used == {name for name, _ in RUNS}


@pytest.mark.parametrize("name", ["indicator_briefing", "plan_dashboard"])
def test_a_chinese_run_reads_in_chinese(executed, name):
    shown = reading.shown(executed[name, "zh"])
    assert TITLES[name, "zh"] in "\n".join(shown)
    assert not [(text[:80], words) for text in shown if (words := reading.english_words(text))]


@pytest.mark.parametrize("name", ["indicator_briefing", "plan_dashboard"])
def test_an_english_run_reads_in_english(executed, name):
    shown = reading.shown(executed[name, "en"])
    assert TITLES[name, "en"] in "\n".join(shown)
    assert not [(text[:80], words) for text in shown if (words := reading.chinese_words(text))]


@pytest.mark.parametrize("name", ["indicator_briefing", "plan_dashboard"])
def test_the_notebooks_own_text_is_code_and_bilingual_parameter_comments(name):
    """No Markdown cell (its words would be one language's); every parameter's comment in both."""
    nb = nbformat.read(str(paths.NOTEBOOKS_DIR / f"{name}.ipynb"), as_version=4)
    assert [c.cell_type for c in nb.cells] == ["code"] * len(nb.cells)
    [cell] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    comments = [line.split("  # ", 1)[1] for line in cell.source.splitlines() if "  # " in line]
    assert len(comments) >= 10
    assert not [c for c in comments if not (re.search(r"[\u4e00-\u9fff]", c) and reading.english_words(c))]


def test_the_tables_name_their_columns_as_the_pages_do(executed):
    """The scenario table's, the dashboard's and the earlier targets' headings are the pages' words; the
    dashboard table is narrow enough for pandas to show every column."""
    zh_briefing = reading.shown(executed["indicator_briefing", "zh"])
    assert {t("meets_target", "zh") + " (2025)", t("method_label", "zh"), t("check_col_unit", "zh")} <= set(zh_briefing)
    en_board = reading.shown(executed["plan_dashboard", "en"])
    assert {t("quality_notes", "en"), t("outcome", "en"), t("variant_changes", "en")} <= set(en_board)
    assert t("peer_share", "en") in en_board and "..." not in en_board  # every column shown, none elided


def test_the_dashboard_table_shows_numbers_as_the_page_does(executed):
    """Levels at their row's precision, rates to one decimal, percentages whole, a dash where there is none:
    not the floats of the computation (1021.707544) nor NaN."""
    nb = nbformat.read(str(executed["plan_dashboard", "zh"]), as_version=4)
    html = next(o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
                if t("probability_of_meeting", "zh") in o.get("data", {}).get("text/html", ""))
    cells = re.findall(r"<td>(.*?)</td>", html, flags=re.S)
    assert not [c for c in cells if re.fullmatch(r"-?[\d,]*\.\d{4,}", c.strip())]
    assert "NaN" not in cells and "nan" not in cells and "<NA>" not in cells
    assert "19,228\u00a0家" in cells and "15,000\u00a0家" in cells  # 科技型中小企业: a count, with thousands separators


def test_the_dashboard_table_reads_a_lower_bound_as_the_page_does():
    """河北's 2024 high-tech enterprises, published as "超过1.5万家": over 15,000, not a plain 15,000."""
    from sjzforecast import dashboard, notebook

    board = dashboard.build_dashboard(region="河北", target_year=2025, n_paths=300,
                                      targets_file=str(paths.ROOT / "data" / "plans" / "hebei-14th.yaml"))
    for language in ("zh", "en"):
        latest = notebook.dashboard_table(board, language)[t("latest", language)]
        unit = "家" if language == "zh" else "units"
        assert t("lower_bound_value", language, value=f"15,000\u00a0{unit}") in set(latest)
