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

import re
from dataclasses import dataclass
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
#: Names of newspapers of record, for citations given without a URL ("河北日报 2014-12-17《…》").
NEWSPAPER_NAMES = ("河北日报", "石家庄日报", "人民日报", "光明日报", "经济日报")
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
    host = web_host(text)
    if not host:
        return "newspaper" if any(name in text for name in NEWSPAPER_NAMES) else "repost"
    if _host_matches(host, OFFICIAL_DOMAINS):
        return "official"
    if _host_matches(host, NEWSPAPER_DOMAINS):
        return "newspaper"
    return "repost"


#: A citation of a shipped source text: the title and document number, then the file's path.
_SHIPPED_TEXT = re.compile(r"^(?P<title>.*?)[,，]\s*(?P<path>(?:\.\./)*\S*sources/\S+\.txt)\s*$")


@dataclass(frozen=True)
class Citation:
    """How a page cites one ``source_url``: the text shown, the address to open (if any), the kind."""

    text: str
    href: str | None
    kind: str
    shipped_path: str | None = None


def citation(url: str | None) -> Citation:
    """The citation of an observation's ``source_url`` for a page.

    A web address is linked (its first word, the rest being a note such as "(transcription of
    …)"); a shipped source text (the plan, cited as ``title (document number), ../sources/x.txt``)
    is cited by its title and document number, with the file's path in ``shipped_path`` so a
    page links it only when the file is shipped beside it; anything else is shown as text.

    Examples
    --------
    >>> citation("石家庄市科技创新“十四五”规划 (石政办发〔2022〕7号), ../sources/plan.txt").text
    '石家庄市科技创新“十四五”规划 (石政办发〔2022〕7号)'
    """
    text = str(url or "").strip()
    kind = source_kind(text)
    if text.startswith(("http://", "https://")):
        return Citation(text, text.split()[0], kind)
    shipped = _SHIPPED_TEXT.match(text)
    if shipped:
        return Citation(shipped["title"].strip(), None, kind, shipped["path"])
    return Citation(text, None, kind)


def web_host(url: str | None) -> str:
    """The host of a web address, in lower case (its first word: a note may follow), or ""."""
    text = str(url or "").strip()
    return (urlparse(text.split()[0]).hostname or "").lower() if text else ""


def host(url: str | None) -> str:
    """The host of a web address (``thebrewdiaries.com``), or the text itself when it has none."""
    return web_host(url) or str(url or "").strip()
