"""The data file's notes (its ``derived`` column) on Chinese and English pages: translated from the shipped
table, or shown as the data file's text, labelled and marked with its language."""
import html
import logging
import re

import nbformat
import pytest

from sjzforecast import batch, data, notes, paths, render
from sjzforecast.errors import SjzforecastError
from sjzforecast.i18n import t
from sjzforecast.notes import load_note_translations, note_parts, shown_note, untranslated

#: A number of a note, not part of a word such as ``H1``, ``Q3`` or ``14th`` (those are words, translated).
NUMBER = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Za-z\d])")
#: Latin punctuation right after Chinese text (a Chinese page writes ``：``, ``；``, ``，``).
LATIN_PUNCTUATION_AFTER_CHINESE = re.compile(r"[\u3400-\u9fff\uff09][:;,.]")
#: An observations file of the user's own, with a note in English and one in Chinese, neither in the table.
MINE = """region,indicator,year,value,unit,source_url,quote,derived
石家庄,rd_intensity,2024,2.85,%,https://example.org/rd-2024,研发投入强度2.85%,"note: provisional, as counted in Dec 2026"
石家庄,rd_intensity,2022,2.6,%,https://example.org/rd-2022,研发投入强度2.6%,note: 初步统计数
"""
MY_NOTES = ("note: provisional, as counted in Dec 2026", "note: 初步统计数")


def shipped_notes() -> set[str]:
    return set(data.load_observations(paths.RAW_OBSERVATIONS)["derived"]) - {""}


def test_every_note_of_the_shipped_data_has_a_chinese_text_and_every_row_of_the_table_is_one_of_them():
    shipped = shipped_notes()
    assert untranslated(shipped, "zh") == []
    assert untranslated(shipped, "en") == []  # no note is written in Chinese alone
    assert set(load_note_translations()) <= shipped, set(load_note_translations()) - shipped


@pytest.mark.parametrize("note, zh", sorted(load_note_translations().items()))
def test_a_translation_keeps_the_notes_numbers_and_reads_in_chinese(note, zh):
    """Every number of the note is in its Chinese text; no English words but web addresses and repository
    paths (shown as code); Chinese punctuation after Chinese text."""
    english = note_parts(note)[1]
    assert {float(n) for n in NUMBER.findall(english)} <= {float(n) for n in NUMBER.findall(zh)}, (english, zh)
    assert not re.findall(r"[A-Za-z]{2,}", render.ADDRESS.sub(" ", zh)), zh
    assert not LATIN_PUNCTUATION_AFTER_CHINESE.search(zh), zh


@pytest.mark.parametrize("note, zh, en", [
    ("derived: 2.13-0.30", "推算：2.13-0.30", "derived: 2.13-0.30"),
    ("note: TARGET, not actual", "备注：目标值，非实际值", "note: TARGET, not actual"),
    ("note: third-party parse of 石家庄2020年统计公报 (tjgb.hongheiku.com/1816); matches seed",
     "备注：第三方整理的石家庄2020年统计公报（<code>tjgb.hongheiku.com/1816</code>）；与原有数据一致",
     'note: third-party parse of <span lang="zh">石家庄</span>2020<span lang="zh">年统计公报</span> '
     "(tjgb.hongheiku.com/1816); matches seed"),
    ("note: year unclear (目前)", '备注（数据文件原文，英文）：<span lang="en">year unclear (<span lang="zh">目前</span>)</span>',
     'note: year unclear (<span lang="zh">目前</span>)'),
    ("as printed", '数据文件原注（英文）：<span lang="en">as printed</span>', "as printed"),
    ("note: 初步统计数", "备注：初步统计数", 'note (the data file&#39;s text, in Chinese): <span lang="zh">初步统计数</span>'),
    ("初步统计数", "初步统计数", 'Data-file note (in Chinese): <span lang="zh">初步统计数</span>'),
    ("", "", ""),
])
def test_a_note_is_translated_or_labelled_as_the_data_files_text_in_its_language(note, zh, en):
    assert str(render.derivation_note(note, "zh")) == zh
    assert str(render.derivation_note(note, "en")) == en


def test_plain_text_of_a_note_as_tooltips_and_notebook_tables_show_it():
    assert str(shown_note("note: from the plan text", "zh")) == "备注：出自规划原文"
    assert str(shown_note("note: as of Dec 2026", "zh")) == "备注（数据文件原文，英文）：as of Dec 2026"
    assert str(shown_note("note: as of Dec 2026", "zh", {"note: as of Dec 2026": "截至2026年12月"})) == "备注：截至2026年12月"


def test_which_notes_lacked_a_translation_is_logged_once_per_page(caplog):
    with caplog.at_level(logging.INFO, logger="sjzforecast.notes"):
        notes.log_untranslated(["note: TARGET", "note: as of Dec 2026", "note: as of Dec 2026", ""], "zh", "石家庄 x")
        notes.log_untranslated(["note: TARGET", "derived: 1+2"], "zh", "石家庄 y")
    assert [r.getMessage() for r in caplog.records] == [
        "石家庄 x: 1 data-file note(s) shown untranslated (add them to note-translations.csv): note: as of Dec 2026"]


@pytest.mark.parametrize("text, problem", [
    ("note,en\nnote: TARGET,目标值\n", "line 1: header"),
    ("# a comment\nnote,zh\nnote: TARGET,目标值\nnote: TARGET,目标\n", "line 4: the note 'note: TARGET' is given twice"),
    ("note,zh\nnote: TARGET,\n", "line 2: .* two non-empty cells"),
])
def test_a_bad_translation_table_names_its_file_and_line(tmp_path, text, problem):
    path = tmp_path / "note-translations.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SjzforecastError, match=f"note-translations.csv: {problem}"):
        load_note_translations(path)


def test_the_shipped_table_has_a_header_comment_saying_what_it_is():
    first = notes.NOTE_TRANSLATIONS.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Chinese translations of the data files' notes")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """R&D intensity with the shipped data and a file of the user's own, in Chinese and in English, through the
    batch (a real kernel); the INFO records of :mod:`sjzforecast.notes` while it ran."""
    root = tmp_path_factory.mktemp("notes")
    mine = root / "mine.csv"
    mine.write_text(MINE, encoding="utf-8")
    params = root / "params"
    params.mkdir()
    for name, language in (("rd", "zh"), ("rd_en", "en")):
        (params / f"{name}.yaml").write_text(f"indicator: rd_intensity\nn_paths: 500\nlanguage: {language}\n"
                                             f"observations: [{mine}]\n", encoding="utf-8")
    records = []
    handler = logging.Handler(logging.INFO)
    handler.emit = records.append
    logger = logging.getLogger("sjzforecast.notes")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        results = batch.run_batch(params, root / "reports", jobs=2, progress=False)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert [r.status for r in results] == ["ok", "ok"], [r.error for r in results]
    return root / "reports", [r.getMessage() for r in records]


def data_rows(page: str) -> list[tuple[str, str]]:
    """(the derived cell's HTML, the source file) of every row of a page's data table."""
    table = page.split('<table id="data">')[1].split("</table>")[0]
    return re.findall(r'<td class="derived">(.*?)</td><td class="file"><code>(.*?)</code>', table, re.S)


def text_of(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell))


def test_a_chinese_briefing_shows_every_shipped_note_in_chinese_and_a_users_note_labelled(site):
    out, _ = site
    page = (out / "rd.html").read_text(encoding="utf-8")
    rows = data_rows(page)
    shipped = [cell for cell, file in rows if file == "data/raw/observations.csv" and cell]
    assert "备注：出自规划原文" in shipped and "推算：2.13-0.30" in shipped
    assert "备注：年份不明：2024年8月的文章称“目前”；与河北省公报2023年的2.76%不一致；可能是另一生产总值口径下的2022年数值" \
        in shipped
    for cell in shipped:  # Chinese, but for web addresses shown as code
        assert "lang=" not in cell and not re.findall(r"[A-Za-z]{2,}", re.sub(r"<code>.*?</code>", "", cell)), cell
    for note in shipped_notes() & set(data.load_observations(paths.RAW_OBSERVATIONS)
                                       .query("region == '石家庄' and indicator == 'rd_intensity'")["derived"]):
        english = note_parts(note)[1]
        if re.search("[A-Za-z]", english):  # nowhere on the page: not in the table, not in a chart's tooltip
            assert english not in page and html.escape(english) not in page, english
    mine = dict((text_of(cell), cell) for cell, file in rows if file.endswith("mine.csv"))
    assert mine["备注（数据文件原文，英文）：provisional, as counted in Dec 2026"] == \
        '备注（数据文件原文，英文）：<span lang="en">provisional, as counted in Dec 2026</span>'
    assert mine["备注：初步统计数"] == "备注：初步统计数"
    assert "备注：出自规划原文" in page.split('<table id="data">')[0]  # the fan chart's tooltip, before the table


def test_the_chinese_notebooks_data_table_shows_the_notes_as_the_page_does(site):
    out, _ = site
    nb = nbformat.read(str(out / "notebooks" / "rd.ipynb"), as_version=4)
    tables = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
              if 'class="dataframe"' in o.get("data", {}).get("text/html", "") and t("derived", "zh") in
              o["data"]["text/html"]]
    assert tables and "备注：出自规划原文" in tables[0] and "from the plan text" not in tables[0]
    assert "备注（数据文件原文，英文）：provisional, as counted in Dec 2026" in tables[0]


def test_the_english_briefing_shows_every_note_as_the_data_file_wrote_it(site):
    out, _ = site
    page = (out / "rd_en.html").read_text(encoding="utf-8")
    rows = data_rows(page)
    observations = data.load_observations(paths.RAW_OBSERVATIONS, extra=[out.parent / "mine.csv"])
    written = set(observations.query("region == '石家庄' and indicator == 'rd_intensity'")["derived"]) - {""}
    shown = {text_of(cell) for cell, _ in rows} - {""}
    assert shown == (written - {"note: 初步统计数"}) | {"note (the data file's text, in Chinese): 初步统计数"}
    assert "derived: 2.13-0.30" in shown and "推算" not in page and "备注" not in page
    assert 'note (the data file&#39;s text, in Chinese): <span lang="zh">初步统计数</span>' in [c for c, _ in rows]


def test_the_batch_logs_which_notes_a_page_showed_untranslated(site):
    _, messages = site
    assert sorted(messages) == [
        "石家庄 rd_intensity: 1 data-file note(s) shown untranslated (add them to note-translations.csv): "
        "note: provisional, as counted in Dec 2026",
        "石家庄 rd_intensity: 1 data-file note(s) shown untranslated (add them to note-translations.csv): "
        "note: 初步统计数"]
