"""An Excel template for observations of your own (``sjzforecast data template out.xlsx``).

Sheet ``observations``: the columns of an observations file and one example row (a real,
sourced number already in ``data/raw/observations.csv``, so that a forgotten example changes
nothing); sheet ``notes``: what each column means, the status flags and the units checked.
Put the filled file in ``data/local/`` or pass it with ``--observations``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .data import OBSERVATION_COLUMNS, STATUS_COLUMNS
from .errors import SjzforecastError
from .plausibility import RULES
from .status import FLAGS, UNSOURCED_FLAGS

#: The example row: 石家庄's 2023 R&D intensity as published by the Hebei statistics bureau.
EXAMPLE = {
    "region": "石家庄", "indicator": "rd_intensity", "year": 2023, "value": 2.76, "unit": "%",
    "source_url": "http://tjj.hebei.gov.cn/hbstjj/sj/zxfb/101731892569586.html",
    "quote": "保定市、石家庄市、秦皇岛市、邯郸市、辛集市和邢台市,分别为3.46%、2.76%、2.69%、2.52%、2.31%和2.12%", "derived": "", "flag": "", "published": "",
}

COLUMN_NOTES = {
    "region": "region as named in data/raw/observations.csv, e.g. 石家庄, 河北, 全国",
    "indicator": "indicator id, e.g. rd_intensity, rd_expenditure, hightech_enterprises, tech_contract_value",
    "year": "reference year of the number (a whole year)",
    "value": "the number as published, in the unit below (12.7万家 -> 127000)",
    "unit": "unit as published: % , 亿元, 家, 个, 件, ...",
    "source_url": "where the number was published (an official site or newspaper of record is best)",
    "quote": "the sentence that gives the number, copied from the source",
    "derived": "empty when read directly; 'derived: <formula>' for arithmetic; 'note: ...' for a caveat",
    "flag": "observation status, optional: " + ", ".join(f"{k} = {v}" for k, v in FLAGS.items()),
    "published": "date the source was published, optional, YYYY-MM-DD (a later date supersedes an earlier one)",
}


def notes_frame() -> pd.DataFrame:
    """The ``notes`` sheet: columns, flags, plausibility per unit and where to put the file."""
    rows = [("column", c, COLUMN_NOTES[c]) for c in OBSERVATION_COLUMNS + STATUS_COLUMNS]
    rows += [("rule", "units " + " ".join(units), f"the value must be {valid}") for units, _, valid in RULES]
    rows += [
        ("rule", "source", "a row without source_url and quote loads only when flagged "
         + " or ".join(UNSOURCED_FLAGS) + ", and is shown as unsourced"),
        ("rule", "revisions", "same region, indicator and year: the later published date wins and the earlier "
         "value is shown as a revision; r beats p where dates are missing"),
        ("rule", "d and b", "d rows never enter a trend; b starts a new segment (the model uses data from the break on)"),
        ("use", "data/local/", "save this file in data/local/ (merged automatically) or pass it with "
         "--observations PATH; check it with: sjzforecast data check"),
    ]
    return pd.DataFrame(rows, columns=["kind", "name", "meaning"])


def write_template(path) -> Path:
    """Write the template to ``path`` (``.xlsx``), never over an existing file.

    Raises
    ------
    SjzforecastError
        ``path`` does not end in ``.xlsx`` or exists already.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise SjzforecastError(f"{path}: the template is an Excel file; give a name ending in .xlsx")
    if path.exists():
        raise SjzforecastError(f"{path} exists; choose another name or remove it first")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        pd.DataFrame([EXAMPLE], columns=list(OBSERVATION_COLUMNS + STATUS_COLUMNS)).to_excel(
            writer, sheet_name="observations", index=False)
        notes_frame().to_excel(writer, sheet_name="notes", index=False)
    tmp.replace(path)
    return path
