"""Answers read back from published pages: the index rows and ``answers.csv``.

Every briefing page embeds its answer as ``<script type="application/json" id="sjz-answer">``
(:meth:`sjzforecast.answer.Answer.to_json`), the dashboard page its rows as
``id="sjz-dashboard"`` (:func:`sjzforecast.dashboard.answer_block`).  :func:`index_rows` adds
each run's answer to its index row, so the index shows what the page says;
:func:`write_answers_csv` writes one row per run as ``answers.csv`` (UTF-8 with a byte-order
mark, so that Excel opens the Chinese intact).  Levels are in the row's ``unit`` (``latest_lower_bound``:
the latest value was published as a lower bound); rates in %/yr, from the latest observation or from
``base_year`` (which may differ from the plan's ``plan_base_year``, :func:`sjzforecast.answer.growth_basis`);
``required_growth_from_latest_bound`` and ``required_growth_from_base_bound`` say ``upper`` where that rate
is only an upper bound, computed from a value published as a lower bound (:func:`sjzforecast.answer.growth_bound`).
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from .progress import LEAD_METHOD, METHODS
from .reportdir import FILE_KEYS

#: Element ids of the machine-readable blocks, by page kind.
BLOCK_IDS = {"briefing": "sjz-answer", "dashboard": "sjz-dashboard"}
#: Columns of ``answers.csv`` before one ``category_<method>`` column per method.
CSV_COLUMNS = ("name", "status", "kind", "region", "indicator", "scenario", "target_id", "target_year",
               "target_level", "unit", "latest_year", "latest_value", "latest_lower_bound", "p_meet", "scenario_value",
               "scenario_meets", "scenario_gap", "scenario_quantile", "required_growth_from_latest",
               "required_growth_from_base", "required_growth_from_latest_bound", "required_growth_from_base_bound",
               "base_year", "plan_base_year", "rate_unit", "html", "error")


def read_block(page: str, block_id: str) -> dict | None:
    """The JSON of ``<script type="application/json" id="block_id">`` in ``page``, or None."""
    match = re.search(rf'<script type="application/json" id="{re.escape(block_id)}">(.*?)</script>', page, re.S)
    return None if match is None else json.loads(match.group(1))


def read_answer(path: str | Path) -> dict | None:
    """The answer a published page embeds, with its ``kind``; None for a page without one."""
    page = Path(path).read_text(encoding="utf-8")
    for kind, block_id in BLOCK_IDS.items():
        block = read_block(page, block_id)
        if block is not None:
            return {"kind": kind, **block}
    return None


def answer_fields(block: dict) -> dict:
    """The index and CSV fields of one page's answer."""
    if block["kind"] == "dashboard":
        years = [r["latest_year"] for r in block["rows"] if r["latest_year"] is not None]
        return {"kind": "dashboard", "region": block["region"], "target_year": block["target_year"],
                "latest_year": max(years) if years else None, "last_year": max(years) if years else None}
    fields = {k: block.get(k) for k in CSV_COLUMNS if k in block}
    categories = block.get("categories", {})
    fields.update({f"category_{m}": c for m, c in categories.items()}, category=categories.get(LEAD_METHOD),
                  probability=block["p_meet"], last_year=block["latest_year"], decimals=block.get("decimals"),
                  plan_base_year=(block.get("growth_basis") or {}).get("plan_base_year"),
                  scenario_rates=block.get("scenario_rates"))
    return fields


#: Fields of a run's row that its page gave (:func:`sjzforecast.batch.describe_run`): gone with the page.
PAGE_FIELDS = ("category", "probability", "last_year")


def on_disk(run: dict, report_dir: str | Path) -> dict:
    """``run`` with only the files (:data:`~sjzforecast.reportdir.FILE_KEYS`) that are in ``report_dir``;
    ``missing`` names the keys of the files it lists that are gone (deleted by hand, say).  A run whose
    page is gone shows none of the page's numbers (:data:`PAGE_FIELDS`)."""
    listed = {key: run[key] for key in FILE_KEYS if run.get(key)}
    missing = [key for key, rel in listed.items() if not (Path(report_dir) / rel).is_file()]
    gone = dict.fromkeys([*missing, *(PAGE_FIELDS if "html" in missing else ())])
    return {**run, **gone, "missing": missing}


def index_rows(runs: list[dict], report_dir: str | Path) -> list[dict]:
    """Each run's row with the answer its page embeds (a failed run keeps its row as it is); a file
    the manifest lists but that is gone is neither linked nor read (:func:`on_disk`)."""
    rows = []
    for run in runs:
        run = on_disk(run, report_dir)
        block = read_answer(Path(report_dir) / run["html"]) if run.get("html") else None
        rows.append({**dict.fromkeys(CSV_COLUMNS), **run, **(answer_fields(block) if block else {})})
    return rows


def write_answers_csv(rows: list[dict], path: str | Path) -> Path:
    """``answers.csv``: one row per run, UTF-8 with a byte-order mark (Excel keeps the Chinese)."""
    methods = [m for m in METHODS if any(f"category_{m}" in r for r in rows)]
    columns = [*CSV_COLUMNS, *(f"category_{m}" for m in methods)]
    path = Path(path)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
