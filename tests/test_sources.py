from sjzforecast.errors import SjzforecastError
from sjzforecast.sources import source_kind


def test_source_kinds():
    assert source_kind("http://tjj.hebei.gov.cn/x") == "official"
    assert source_kind("https://gxj.sjz.gov.cn/col/1.html") == "official"
    assert source_kind("http://sjzrb.sjzdaily.com.cn/html/1.htm") == "newspaper"
    assert source_kind("https://github.com/huhuaping/techme/blob/abc/2024.html") == "official_copy"
    assert source_kind("https://github.com/someone/else/x") == "repost"
    assert source_kind("http://thebrewdiaries.com/a") == "repost"
    assert source_kind("http://notgov.cn.example.com/") == "repost"
    assert source_kind("") == "repost"


def test_root_error_is_a_value_error():
    assert issubclass(SjzforecastError, ValueError)


def test_did_you_mean():
    from sjzforecast.errors import did_you_mean
    assert "rd_intensity" in did_you_mean("rd_intensty", ["rd_intensity", "gdp"])
    assert did_you_mean("zzz", ["rd_intensity"]) == ""


def test_the_plan_is_cited_by_title_and_document_number():
    from sjzforecast.sources import citation

    plan = citation("石家庄市科技创新“十四五”规划 (石政办发〔2022〕7号), ../sources/shijiazhuang-st-14th-five-year-plan-2022.txt")
    assert plan.text == "石家庄市科技创新“十四五”规划 (石政办发〔2022〕7号)" and plan.href is None
    assert plan.kind == "official" and plan.shipped_path.endswith(".txt")
    copy = citation("https://github.com/huhuaping/techme/blob/HEAD/x.xlsx (transcription of 国家统计局附表)")
    assert copy.href == "https://github.com/huhuaping/techme/blob/HEAD/x.xlsx" and copy.kind == "official_copy"
    assert citation("(no URL returned by search tool) 河北日报 2014-12-17《高新技术产业》").kind == "newspaper"
    assert citation("http://thebrewdiaries.com/a/1.html").kind == "repost"


def test_printing_without_chromium_names_the_path(tmp_path):
    import pytest

    from sjzforecast.pdf import print_pdf

    page = tmp_path / "a.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(SjzforecastError, match="no Chromium at '/nonexistent/chromium'"):
        print_pdf(page, chromium="/nonexistent/chromium")
    assert not (tmp_path / "a.pdf").exists()
