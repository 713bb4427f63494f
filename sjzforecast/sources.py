"""How much weight a source carries: official, newspaper of record, official copy, or repost.

One documented list of domains (:data:`OFFICIAL_DOMAINS`, :data:`NEWSPAPER_DOMAINS`,
:data:`OFFICIAL_COPY_PREFIXES`) classifies every ``source_url``; everything else is a repost
(a site that republishes text it did not write, often with errors) and is shown as such.

* ``official``: a government or statistics office site (any host under ``gov.cn``, and the
  listed statistics sites);
* ``newspaper``: a newspaper of record or its news portal (party and city dailies, national
  news sites);
* ``official_copy``: a public archive of an official publication, kept unaltered (the NBS
  R&D bulletins archived as HTML in a public repository);
* ``repost``: anything else.
"""
from __future__ import annotations

from urllib.parse import urlparse

#: Hosts (and their subdomains) of government and statistics offices.
OFFICIAL_DOMAINS = ("gov.cn", "stats.gov.cn")
#: Hosts (and their subdomains) of newspapers of record and national news portals.
NEWSPAPER_DOMAINS = (
    "sjzdaily.com.cn",   # 石家庄日报
    "hebnews.cn",        # 河北新闻网 (河北日报)
    "hebei.com.cn",      # 长城网
    "hebccw.cn",         # 河北长城网
    "gmw.cn",            # 光明网
    "people.com.cn",     # 人民网
    "xinhuanet.com",     # 新华网
    "news.cn",           # 新华网
    "zjknews.com",       # 张家口新闻网
    "bohaitoday.com",    # 沧州日报
    "dingzhoudaily.com",  # 定州日报
    "news.163.com",      # 网易新闻 (news portal)
)
#: URL prefixes of unaltered public copies of official publications.
OFFICIAL_COPY_PREFIXES = ("https://github.com/huhuaping/techme/",)

SOURCE_KINDS = ("official", "newspaper", "official_copy", "repost")


def _host_matches(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def source_kind(url: str | None) -> str:
    """Classify a source URL as one of :data:`SOURCE_KINDS`.

    Parameters
    ----------
    url : str or None
        The ``source_url`` of an observation; a missing or non-web source (the plan's text
        file, for example) is ``"official"`` only when it is the shipped plan, else ``"repost"``.

    Examples
    --------
    >>> source_kind("http://tjj.hebei.gov.cn/hbstjj/sjfb/")
    'official'
    >>> source_kind("http://sjzrb.sjzdaily.com.cn/html/2024-01/01/content.htm")
    'newspaper'
    >>> source_kind("http://thebrewdiaries.com/a/1.html")
    'repost'
    """
    text = str(url or "").strip()
    if text.startswith(OFFICIAL_COPY_PREFIXES):
        return "official_copy"
    if "shijiazhuang-st-14th-five-year-plan" in text:
        return "official"
    host = (urlparse(text).hostname or "").lower()
    if not host:
        return "repost"
    if _host_matches(host, OFFICIAL_DOMAINS):
        return "official"
    if _host_matches(host, NEWSPAPER_DOMAINS):
        return "newspaper"
    return "repost"
