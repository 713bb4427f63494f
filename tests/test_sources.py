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
