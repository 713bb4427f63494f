"""Data-quality report: what the observations and plan files hold, and what is wrong with them.

``sjzforecast data check [--html PATH]`` prints one row per region and indicator (years covered,
gaps, conflicts, revisions, breaks, jumps that look like a unit slip
(:func:`sjzforecast.plausibility.jumps`),
``d``/``u``/``e`` rows, unsourced rows, rows from reposts rather than an official site or a
newspaper of record, :func:`sjzforecast.sources.source_kind`)
and the plan targets with fewer than :data:`MIN_COMPARABLE` comparable observations; it exits
0 when every file loads and 1 with the errors when one does not.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import data, paths
from .errors import SjzforecastError
from .formats import year_ranges
from .plausibility import JUMP_FACTOR, jumps
from .series import select_series
from .sources import host, source_kind

logger = logging.getLogger(__name__)

#: Plan targets with fewer comparable observations than this are reported.
MIN_COMPARABLE = 3


@dataclass
class DataCheck:
    """The result of :func:`check_data`."""

    files: list[str]
    errors: list[str] = field(default_factory=list)
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    reposts: pd.DataFrame = field(default_factory=pd.DataFrame)
    thin_targets: pd.DataFrame = field(default_factory=pd.DataFrame)
    n_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def series_quality(obs: pd.DataFrame, region: str, indicator: str) -> dict:
    """One row of the report for ``region``'s ``indicator``."""
    rows = obs[(obs["region"] == region) & (obs["indicator"] == indicator)]
    flags = rows["flag"].value_counts()
    out = {"region": region, "indicator": indicator, "unit": rows["unit"].iloc[0],
           "d": int(flags.get("d", 0)), "u": int(flags.get("u", 0)), "e": int(flags.get("e", 0)),
           "unsourced": int(rows["unsourced"].sum()),
           "reposts": int((rows["source_url"].map(source_kind) == "repost").sum())}
    try:
        sel = select_series(obs, region, indicator)
    except SjzforecastError:  # only d rows
        return {**out, "years": "", "gaps": "", "conflicts": "", "revisions": "", "breaks": "", "jumps": ""}
    years = sel.series.index
    missing = sorted(set(range(int(years.min()), int(years.max()) + 1)) - set(years))
    return {**out, "years": year_ranges(years), "gaps": year_ranges(missing),
            "conflicts": year_ranges(c.year for c in sel.conflicts),
            "revisions": year_ranges(r.year for r in sel.revisions),
            "breaks": "" if sel.segment_start is None else str(sel.segment_start),
            "jumps": year_ranges(jumps(sel.series))}


def repost_hosts(obs: pd.DataFrame) -> pd.DataFrame:
    """Rows whose source is a repost, counted by host (:func:`sjzforecast.sources.host`; most first)."""
    reposts = obs[obs["source_url"].map(source_kind) == "repost"]
    hosts = reposts["source_url"].map(host)  # as a briefing names it
    return (reposts.assign(host=hosts).groupby("host")
            .agg(rows=("value", "size"), regions=("region", lambda r: ", ".join(sorted(set(r)))))
            .sort_values("rows", ascending=False).reset_index())


def thin_targets(obs: pd.DataFrame, targets: pd.DataFrame, minimum: int = MIN_COMPARABLE) -> pd.DataFrame:
    """Plan targets whose indicator has fewer than ``minimum`` comparable observations in the plan's region,
    with the targets' names (``name_zh``, ``name_en``)."""
    columns = ["plan", "target_id", "name_zh", "name_en", "indicator", "comparable"]
    out = []
    for t in targets.itertuples():
        try:
            n = len(select_series(obs, t.region, t.indicator).series)
        except SjzforecastError:
            n = 0
        if n < minimum:
            out.append({"plan": t.region, "target_id": t.target_id, "name_zh": t.name_zh, "name_en": t.name_en,
                        "indicator": t.indicator, "comparable": n})
    return pd.DataFrame(out, columns=columns)


def plan_files() -> list[Path]:
    """``data/targets.yaml`` and every plan in ``data/plans/``."""
    return [paths.TARGETS, *sorted(paths.PLANS_DIR.glob("*.yaml"))]


def check_data(path=None, extra=(), plans=None) -> DataCheck:
    """Load every observations and plan file, collecting errors instead of stopping at the first.

    Parameters
    ----------
    path, extra
        As for :func:`sjzforecast.load_observations` (default: the raw file and ``data/local/``).
    plans : list of paths, optional
        Plan files; default :func:`plan_files`.
    """
    files = data.observation_files(path, extra)
    check = DataCheck(files=[data.display_path(f) for f in files])
    frames = []
    for f in files:
        try:
            frames.append(data.load_observation_file(f))
        except SjzforecastError as exc:
            check.errors.append(str(exc))
    plan_frames = []
    for f in plans if plans is not None else plan_files():
        check.files.append(data.display_path(f))
        try:
            plan_frames.append(data.load_targets(f))
        except SjzforecastError as exc:
            check.errors.append(str(exc))
    if not frames:
        return check
    obs = pd.concat(frames, ignore_index=True)
    check.n_rows = len(obs)
    keys = obs[["region", "indicator"]].drop_duplicates().sort_values(["region", "indicator"])
    check.series = pd.DataFrame([series_quality(obs, r, i) for r, i in keys.itertuples(index=False)])
    check.reposts = repost_hosts(obs)
    if plan_frames:
        plans_table = pd.concat([f[["region", "target_id", "name_zh", "name_en", "indicator"]] for f in plan_frames], ignore_index=True)
        check.thin_targets = thin_targets(obs, plans_table)
    return check


#: Columns of the terminal table, in order.
TABLE_COLUMNS = ("region", "indicator", "unit", "years", "gaps", "conflicts", "revisions", "breaks", "jumps",
                 "d", "u", "e", "unsourced", "reposts")


def format_report(check: DataCheck) -> str:
    """The report as plain text for the terminal, its columns aligned for wide (CJK) characters."""
    with pd.option_context("display.unicode.east_asian_width", True):
        return _format_report(check)


def _format_report(check: DataCheck) -> str:
    lines = [f"files: {', '.join(check.files)}", f"observations: {check.n_rows} rows"]
    if not check.series.empty:
        counts = ["d", "u", "e", "unsourced", "reposts"]
        table = check.series.loc[:, list(TABLE_COLUMNS)].astype({c: object for c in counts})
        table[counts] = table[counts].where(table[counts] != 0, "")  # blanks read faster than zeros
        lines += ["", table.to_string(index=False)]
        if check.series["jumps"].astype(bool).any():
            lines.append(f"jumps: more than {JUMP_FACTOR:g}-fold a year from the previous comparable observation, "
                         "most often a value entered in the wrong unit; check them")
    if not check.reposts.empty:
        lines += ["", "sources that are reposts (not an official site or newspaper of record):",
                  check.reposts.to_string(index=False)]
    if not check.thin_targets.empty:
        lines += ["", f"plan targets with fewer than {MIN_COMPARABLE} comparable observations:",
                  check.thin_targets.drop(columns=["name_zh", "name_en"]).to_string(index=False)]
    lines += [""] + ([f"ERROR {e}" for e in check.errors] or ["every file loads"])
    return "\n".join(lines)


def render_html(check: DataCheck, language: str = "zh") -> str:
    """The report as one offline HTML page (``templates/datacheck.html.j2``)."""
    from .render import render_page

    return render_page("datacheck.html.j2", check=check, lang=language,
                       min_comparable=MIN_COMPARABLE, jump_factor=JUMP_FACTOR)


def write_html(check: DataCheck, path, language: str = "zh") -> Path:
    """Write :func:`render_html` to ``path`` through a temporary file (never half written)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_html(check, language), encoding="utf-8")
    tmp.replace(path)
    return path
