"""sjzforecast data check / data template, and a briefing on a file of one's own."""
import hashlib
import json
import re
import unicodedata

import pandas as pd
import pytest

import sjzforecast
from sjzforecast import batch, briefing, cli, datacheck, plausibility, template_xlsx
from sjzforecast.errors import SjzforecastError
from sjzforecast.formats import format_rate
from sjzforecast.payload import read_payload
from sjzforecast.sources import host, source_kind

OWN = dict(region="石家庄", indicator="rd_intensity", year=2024, value=2.95, unit="%",
           source_url="http://tjj.hebei.gov.cn/example", quote="石家庄市 R&D 经费投入强度 2.95%", derived="",
           flag="p", published="2025-10-01")


def test_the_data_check_reports_the_shipped_data(tmp_path, capsys):
    html = tmp_path / "check.html"
    assert cli.main(["data", "check", "--html", str(html)]) == 0
    out = capsys.readouterr().out
    assert "every file loads" in out and "plan targets with fewer than 3 comparable observations" in out
    assert "jumps:" not in out
    check = datacheck.check_data()
    rows = check.series.set_index(["region", "indicator"])
    assert rows.loc[("河北", "rd_intensity"), "revisions"] == "2023"
    assert rows.loc[("石家庄", "hightech_enterprises"), "d"] == 2
    assert rows.loc[("石家庄", "hightech_enterprises"), "years"] == "2013, 2015, 2020, 2024"
    assert rows.loc[("石家庄", "tech_contract_value"), "u"] == 1
    assert rows.loc[("石家庄", "rd_intensity"), "conflicts"] == "2023"
    assert "data/plans/hebei-14th.yaml" in check.files
    thin = set(zip(check.thin_targets["plan"], check.thin_targets["target_id"]))
    assert ("河北", "tech_contract_value") in thin and ("河北", "hightech_enterprises") not in thin
    assert "sony-xperia.com.tw" in set(check.reposts["host"])
    page = html.read_text(encoding="utf-8")
    assert 'id="series"' in page and "hebei-14th.yaml" in page and "<script src=" not in page


def test_the_terminal_table_is_aligned_with_chinese_names():
    """Chinese characters take two columns in a terminal: every row of the table is as wide as its header."""
    def width(line):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    lines = datacheck.format_report(datacheck.check_data()).splitlines()
    table = lines[3:lines.index("", 3)]
    assert table[0].split()[:3] == ["region", "indicator", "unit"] and len(table) > 100
    assert {width(line) for line in table} == {width(table[0])}


def test_reposts_are_counted_by_the_host_a_briefing_names(observations):
    """A repost cited without a web address is counted under its own text, as its briefing names it."""
    repost = {**OWN, "source_url": "贴吧转帖《石家庄统计公报》", "flag": "", "published": ""}
    obs = pd.concat([observations, pd.DataFrame([repost])], ignore_index=True)
    counted = datacheck.repost_hosts(obs).set_index("host")["rows"]
    assert counted["贴吧转帖《石家庄统计公报》"] == 1
    reposts = observations[observations["source_url"].map(source_kind) == "repost"]
    assert counted.drop("贴吧转帖《石家庄统计公报》").to_dict() == \
        reposts["source_url"].map(host).value_counts().to_dict()


def test_a_bad_file_makes_the_data_check_fail_with_every_error(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    pd.DataFrame([{**OWN, "value": 130}]).to_csv(bad, index=False)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert cli.main(["data", "check", "--observations", str(bad), "--observations", str(empty)]) == 1
    out = capsys.readouterr().out
    assert f"ERROR {bad}: line 2: value 130 %" in out and f"ERROR {empty}: the file is empty" in out


def test_the_template_loads_and_adds_nothing_new(tmp_path):
    path = template_xlsx.write_template(tmp_path / "mine.xlsx")
    own = sjzforecast.load_observations(path)
    raw = sjzforecast.load_observations(sjzforecast.paths.RAW_OBSERVATIONS)
    assert len(own) == 1
    key = own.iloc[0]
    same = raw[(raw["region"] == key.region) & (raw["indicator"] == key.indicator) & (raw["year"] == key.year)]
    assert key.value in set(same["value"])  # the example is a number already in the raw file
    notes = pd.read_excel(path, sheet_name="notes")
    assert {"flag", "published", "units 家 个 件"} <= set(notes["name"])


def test_the_template_reads_in_chinese_and_checks_flag_year_and_value_on_entry(tmp_path):
    """Every note has its Chinese 说明; Excel offers the status flags as a list and refuses a year or a value
    that is not one, saying what is valid."""
    import openpyxl

    from sjzforecast.status import FLAGS

    path = template_xlsx.write_template(tmp_path / "mine.xlsx")
    notes = pd.read_excel(path, sheet_name="notes")
    assert notes["说明"].notna().all() and notes.set_index("name").loc["flag", "说明"].startswith("观测状态")
    sheet = openpyxl.load_workbook(path)["observations"]
    checks = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert checks["I2"].type == "list" and checks["I2"].formula1 == '"' + ",".join(FLAGS) + '"'
    assert checks["C2"].type == "whole" and "a whole year" in checks["C2"].error
    assert checks["D2"].type == "decimal" and sheet["I1"].value == "flag" and sheet["C1"].value == "year"


def test_the_template_never_overwrites(tmp_path):
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(SjzforecastError, match="exists"):
        template_xlsx.write_template(path)
    with pytest.raises(SjzforecastError, match=r"ending in \.xlsx"):
        template_xlsx.write_template(tmp_path / "mine.csv")
    assert path.read_bytes() == b"x"


def test_a_briefing_uses_a_value_of_ones_own_and_names_its_file(tmp_path):
    own = tmp_path / "mine.xlsx"
    pd.DataFrame([OWN]).to_excel(own, index=False)
    params = tmp_path / "params"
    params.mkdir()
    (params / "mine.yaml").write_text(f"indicator: rd_intensity\nn_paths: 500\nlanguage: en\nobservations: [{own}]\n",
                                      encoding="utf-8")
    results = batch.run_batch(params, tmp_path / "out", progress=False)
    assert [r.status for r in results] == ["ok"], results[0].error
    page = (tmp_path / "out" / "mine.html").read_text(encoding="utf-8")
    assert f'class="file"><code>{own}</code>' in page and 'class="file"><code>data/raw/observations.csv' in page
    assert read_payload(tmp_path / "out" / "notebooks" / "mine.ipynb")["latest"] == {"year": 2024, "value": 2.95, "decimals": 2, "meets": False, "lower_bound": False}
    assert '<div class="value" id="latest-value">2.95\u00a0%</div><div class="label">2024</div>' in page  # the latest value used
    digest = hashlib.sha256(own.read_bytes()).hexdigest()  # the run metadata hashes every file it read
    raw = hashlib.sha256(sjzforecast.paths.RAW_OBSERVATIONS.read_bytes()).hexdigest()
    metadata = re.search(r'<table id="metadata">.*?</table>', page, re.S).group(0)
    assert f"data/raw/observations.csv: {raw}; {own}: {digest}" in metadata
    manifest = json.loads((tmp_path / "out" / ".sjzforecast-manifest.json").read_text(encoding="utf-8"))
    assert manifest["runs"]["mine"]["data_sha256"][str(own)] == digest


def test_the_run_metadata_hashes_data_local_and_the_targets_file_given(tmp_path, monkeypatch):
    local = tmp_path / "local"
    local.mkdir()
    pd.DataFrame([OWN]).to_csv(local / "mine.csv", index=False)
    monkeypatch.setattr(sjzforecast.paths, "LOCAL_DATA", local)
    digests = batch.data_digests({"observations": (), "targets": "data/plans/hebei-14th.yaml"})
    plan = sjzforecast.paths.ROOT / "data" / "plans" / "hebei-14th.yaml"
    assert list(digests) == ["data/raw/observations.csv", str(local / "mine.csv"), "data/plans/hebei-14th.yaml"]
    assert digests["data/plans/hebei-14th.yaml"] == hashlib.sha256(plan.read_bytes()).hexdigest()
    assert list(batch.data_digests({"targets": None}))[-1] == "data/targets.yaml"


def test_a_file_added_to_data_local_is_read_by_the_next_question(tmp_path, monkeypatch):
    from sjzforecast.question import load_data

    local = tmp_path / "local"
    local.mkdir()
    monkeypatch.setattr(sjzforecast.paths, "LOCAL_DATA", local)
    before, _ = load_data()
    pd.DataFrame([OWN]).to_csv(local / "mine.csv", index=False)
    after, _ = load_data()
    assert len(after) == len(before) + 1 and after["source_file"].iloc[-1] == str(local / "mine.csv")


def test_the_page_names_each_thin_target_in_its_language():
    """A plan target with few observations is named as the plan names it (技术合同成交额 / Value of technology
    contracts), its identifier beside it, not the identifier alone."""
    check = datacheck.check_data()
    for language, name in (("zh", "技术合同成交额"), ("en", "Value of technology contracts")):
        table = re.search(r'<table id="thin-targets">.*?</table>', datacheck.render_html(check, language), re.S).group(0)
        assert f"<td class=\"name\">{name}<br><small><code>tech_contract_value</code></small></td>" in table


def test_a_growth_rate_is_shown_in_percent_a_year_as_the_pages_show_rates():
    """fiscal_st_expenditure_growth is published in "%" but is a rate: the page shows it in %/年 (%/yr), the unit
    of every rate on the briefings (formats.format_rate), while a share such as rd_intensity stays in %."""
    check = datacheck.check_data()
    for language in ("zh", "en"):
        page = datacheck.render_html(check, language)
        units = dict(re.findall(r"<code>(\w+)</code></small></td><td class=\"nowrap\">(.*?)</td>", page))
        rate_unit = format_rate(1.0, language).split("\u00a0")[1]
        assert units["fiscal_st_expenditure_growth"] == rate_unit, units
        assert units["rd_intensity"] == "%"


def test_a_value_in_the_wrong_unit_is_reported_as_a_jump_in_the_terminal_and_the_page(tmp_path, capsys):
    """石家庄's R&D intensity for 2024 entered as a fraction (0.0295, not 2.95 %) is a 100-fold jump."""
    slip = tmp_path / "slip.csv"
    pd.DataFrame([{**OWN, "value": 0.0295, "quote": "石家庄市 R&D 经费投入强度 0.0295"}]).to_csv(slip, index=False)
    check = datacheck.check_data(extra=[slip])
    rows = check.series.set_index(["region", "indicator"])
    assert rows.loc[("石家庄", "rd_intensity"), "jumps"] == "2024"
    assert set(rows["jumps"]) == {"", "2024"}  # the shipped data have none
    assert datacheck.check_data().series["jumps"].eq("").all()
    html = tmp_path / "check.html"
    assert cli.main(["data", "check", "--observations", str(slip), "--html", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "跳变年份" in page and "超过 5 倍" in page
    assert "jumps: more than 5-fold a year" in capsys.readouterr().out


def test_jumps_are_measured_per_year_across_gaps():
    years = [2010, 2015, 2016]
    assert plausibility.jumps(pd.Series([100.0, 900.0, 1000.0], index=years)) == []  # 9-fold in 5 years
    assert plausibility.jumps(pd.Series([100.0, 1e6, 1.1e6], index=years)) == [2015]  # 万元 for 亿元 after 5 years
    assert plausibility.jumps(pd.Series([0.0, 100.0, 600.0], index=years)) == [2016]  # zero skipped


def test_a_briefing_on_a_value_in_the_wrong_unit_says_to_check_it(tmp_path):
    """The data-quality note of the briefing and the explorer (``briefing.data_notes``) names the jump."""
    slip = tmp_path / "slip.csv"
    pd.DataFrame([{**OWN, "value": 0.0295, "quote": "石家庄市 R&D 经费投入强度 0.0295"}]).to_csv(slip, index=False)
    result = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", observations=(str(slip),), n_paths=200))
    assert "2024年的数值与上一个可比观测相比年均变化超过 5 倍" in "".join(briefing.data_notes(result, "zh")["caveats"])
    english = "".join(briefing.caveat_lines(result, "en"))
    assert "The 2024 value moved more than 5-fold a year" in english and not re.search(r"[\u4e00-\u9fff]", english)
    shipped = sjzforecast.answer(sjzforecast.Question(indicator="rd_intensity", n_paths=200))
    assert not any("5-fold" in line for line in briefing.caveat_lines(shipped, "en"))
