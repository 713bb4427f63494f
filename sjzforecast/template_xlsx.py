"""An Excel template for observations of your own (``sjzforecast data template out.xlsx``).

Sheet ``observations``: the columns of an observations file and one example row (a real,
sourced number already in ``data/raw/observations.csv``, so that a forgotten example changes
nothing), with Excel's checks on entry (``flag`` from a list of the status flags, ``year`` a whole
year, ``value`` a number); sheet ``notes``: what each column means, the status flags and the units
checked, in English and Chinese.
Put the filled file in ``data/local/`` or pass it with ``--observations``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .data import OBSERVATION_COLUMNS, STATUS_COLUMNS
from .errors import SjzforecastError
from .i18n import t
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
    "derived": "empty when read directly; 'derived: <formula>' for arithmetic; 'note: ...' for a caveat; "
               "'note: lower bound' for a number published as one ('超过1.5万家': value 15000)",
    "flag": "observation status, optional: " + ", ".join(f"{k} = {v}" for k, v in FLAGS.items()),
    "published": "date the source was published, optional, YYYY-MM-DD (a later date supersedes an earlier one)",
}


#: The notes in Chinese, by the name of the note (:func:`notes_frame`).
NOTES_ZH = {
    "region": "地区，按 data/raw/observations.csv 的写法，如 石家庄、河北、全国",
    "indicator": "指标代码，如 rd_intensity、rd_expenditure、hightech_enterprises、tech_contract_value",
    "year": "数值所属年份（整数年）",
    "value": "按下列单位填写的公布数值（12.7万家 填 127000）",
    "unit": "公布时的单位：%、亿元、家、个、件……",
    "source_url": "数值的出处网址（官方网站或权威报纸最佳）",
    "quote": "给出该数值的原文句子，照录",
    "derived": "直接读取则留空；计算所得填 'derived: <算式>'；有附注填 'note: ……'；"
               "公布为下限的数值填 'note: 下限'（“超过1.5万家”：value 填 15000）",
    "flag": "观测状态，可选：" + "，".join(f"{k} = {t('flag_' + k, 'zh')}" for k in FLAGS),
    "published": "来源的发布日期，可选，YYYY-MM-DD（较晚发布的取代较早的）",
    "units 家 个 件": "数值须为非负整数",
    "units %": "数值须在 0 到 100 之间",
    "units 亿元": "数值须非负",
    "source": "没有 source_url 和 quote 的行仅在标记为 " + " 或 ".join(UNSOURCED_FLAGS) + " 时载入，并标为无来源",
    "revisions": "同一地区、指标和年份：以发布日期较晚者为准，较早的数值列为修订；无日期时 r 优先于 p",
    "d and b": "d 行不进入趋势；b 表示序列断点（模型只用断点起的数据）",
    "data/local/": "将本文件存入 data/local/（自动合并），或用 --observations PATH 指定；"
                   "用 sjzforecast data check 检查",
}


def notes_frame() -> pd.DataFrame:
    """The ``notes`` sheet: columns, flags, plausibility per unit and where to put the file, in English
    (``meaning``) and Chinese (``说明``, :data:`NOTES_ZH`)."""
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
    frame = pd.DataFrame(rows, columns=["kind", "name", "meaning"])
    return frame.assign(说明=frame["name"].map(NOTES_ZH))


#: Column widths (in characters) of each sheet, so that headers and notes read without widening.
COLUMN_WIDTHS = {"observations": (10, 22, 7, 10, 7, 40, 50, 30, 6, 12), "notes": (8, 16, 70, 50)}
#: Rows of the ``observations`` sheet that Excel checks on entry.
CHECKED_ROWS = 1000


def add_entry_checks(sheet) -> None:
    """Excel's checks on entry in the ``observations`` sheet: ``flag`` one of :data:`FLAGS` (a list),
    ``year`` a whole year (1949-2100), ``value`` a number; each says what is valid, in English and Chinese,
    when it refuses."""
    columns = [*OBSERVATION_COLUMNS, *STATUS_COLUMNS]
    flags = ", ".join(f"{k} = {v}" for k, v in FLAGS.items())
    checks = {
        "flag": DataValidation(type="list", formula1='"' + ",".join(FLAGS) + '"', allow_blank=True,
                               error=f"flag: one of {flags}; or empty / {NOTES_ZH['flag']}，或留空",
                               errorTitle="flag"),
        "year": DataValidation(type="whole", operator="between", formula1="1949", formula2="2100",
                               error="year: a whole year, 1949-2100 / 年份：1949—2100 的整数年", errorTitle="year"),
        "value": DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                                error="value: a number, as published in the row's unit (12.7万家 -> 127000) / "
                                      f"数值：{NOTES_ZH['value']}",
                                errorTitle="value"),
    }
    for name, check in checks.items():
        letter = get_column_letter(columns.index(name) + 1)
        check.showErrorMessage = True
        check.add(f"{letter}2:{letter}{CHECKED_ROWS + 1}")
        sheet.add_data_validation(check)


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
        add_entry_checks(writer.sheets["observations"])
        for sheet, widths in COLUMN_WIDTHS.items():
            for number, width in enumerate(widths, start=1):
                writer.sheets[sheet].column_dimensions[get_column_letter(number)].width = width
    tmp.replace(path)
    return path
