"""Load and validate the two data files: observations and plan targets.

One long table for observations, checked once here; every other module trusts its shape
(the pyam / statsforecast convention).  Errors name the file, the line and the value.
"""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .yamlio import read_yaml

logger = logging.getLogger(__name__)

#: Columns of ``data/raw/observations.csv``, in order.
OBSERVATION_COLUMNS = ("region", "indicator", "year", "value", "unit", "source_url", "quote", "derived")
#: A repeated key is the same number from the same source twice.
OBSERVATION_KEY = ("region", "indicator", "year", "source_url", "value")
#: Columns every target has; ``load_targets`` adds ``target_level``.
TARGET_COLUMNS = (
    "target_id", "indicator", "name_zh", "name_en", "unit", "base_year", "base_value",
    "target_year", "target_value", "target_kind", "direction", "table_row", "quote",
)
TARGET_KINDS = ("level", "growth_rate", "cumulative_increase")
DIRECTIONS = ("increase", "decrease")
#: Years outside this range are taken for typing errors.
PLAUSIBLE_YEARS = (1949, 2100)


def _bad(path, where: str, problem: str) -> ValueError:
    return ValueError(f"{path}: {where}: {problem}")


def _check_years(years: pd.Series, path, line_of) -> None:
    lo, hi = PLAUSIBLE_YEARS
    bad = years[(years < lo) | (years > hi)]
    if len(bad):
        i = bad.index[0]
        raise _bad(path, line_of(i), f"year {bad.iloc[0]} is implausible (valid: {lo} to {hi})"
                   + (f"; {len(bad)} such rows" if len(bad) > 1 else ""))


def validate_observations(frame: pd.DataFrame, path="observations") -> pd.DataFrame:
    """Check an observations table and return it with clean dtypes.

    Parameters
    ----------
    frame : DataFrame
        Columns :data:`OBSERVATION_COLUMNS`, as read from CSV (strings are fine).
    path : str or Path
        Named in error messages.

    Returns
    -------
    DataFrame
        ``year`` as int, ``value`` as float, text columns as str with ``""`` for missing.

    Raises
    ------
    ValueError
        Missing or unknown columns, an empty region or indicator, a non-numeric value or year,
        an implausible year, or a repeated key; the message names the file line and value.
    """
    def line_of(i) -> str:
        return f"line {int(i) + 2}"  # header is line 1

    cols = list(frame.columns)
    missing = [c for c in OBSERVATION_COLUMNS if c not in cols]
    unknown = [c for c in cols if c not in OBSERVATION_COLUMNS]
    if missing or unknown:
        raise _bad(path, "header", f"missing columns {missing}, unknown columns {unknown}; "
                   f"expected exactly {list(OBSERVATION_COLUMNS)}")
    out = frame.loc[:, list(OBSERVATION_COLUMNS)].copy()
    for col in ("region", "indicator", "unit", "source_url", "quote", "derived"):
        out[col] = out[col].fillna("").astype(str).str.strip()
    for col in ("region", "indicator"):
        empty = out.index[out[col] == ""]
        if len(empty):
            raise _bad(path, line_of(empty[0]), f"empty {col!r}")
    for col in ("year", "value"):
        numeric = pd.to_numeric(out[col], errors="coerce")
        bad = out.index[numeric.isna() | ~np.isfinite(numeric.astype(float))]
        if len(bad):
            raise _bad(path, line_of(bad[0]), f"{col} {frame.loc[bad[0], col]!r} is not a finite number")
        out[col] = numeric.astype(float)
    fractional = out.index[out["year"] != out["year"].round()]
    if len(fractional):
        raise _bad(path, line_of(fractional[0]), f"year {out.loc[fractional[0], 'year']} is not a whole year")
    out["year"] = out["year"].astype(int)
    _check_years(out["year"], path, line_of)
    dup = out.duplicated(list(OBSERVATION_KEY), keep="first")
    if dup.any():
        i = out.index[dup][0]
        first = out.index[out.duplicated(list(OBSERVATION_KEY), keep=False)][0]
        key = {k: out.loc[i, k] for k in OBSERVATION_KEY[:4]}
        raise _bad(path, line_of(i), f"repeats the key of {line_of(first)} {key}, value {out.loc[i, 'value']}")
    return out


def load_observations(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the observations file.

    Parameters
    ----------
    path : str or Path, optional
        Defaults to ``data/raw/observations.csv``.  The file is only read, never written.

    Returns
    -------
    DataFrame
        One row per published number, columns :data:`OBSERVATION_COLUMNS`.

    Examples
    --------
    >>> obs = load_observations()
    >>> obs.query("region == '石家庄' and indicator == 'rd_intensity'")["value"].tolist()
    [1.83, 2.13, 2.52, 2.76]
    """
    path = Path(path) if path is not None else paths.RAW_OBSERVATIONS
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:  # parser errors carry the line number
        raise ValueError(f"{path}: cannot be read as CSV: {exc}") from exc
    out = validate_observations(frame, path)
    logger.debug("loaded %d observations from %s", len(out), path)
    return out


def validate_targets(records: list, path="targets", region: str = "") -> pd.DataFrame:
    """Check a list of target records (dicts) and return them as a DataFrame.

    ``region`` (the region whose plan this is) becomes the ``region`` column.

    Adds ``target_level``: the level the target implies in ``target_year``
    (``target_value`` for a level target, ``base_value + target_value`` for a cumulative
    increase, NaN for a growth-rate target, whose level depends on the observed base).

    Raises
    ------
    ValueError
        Naming the file, the entry and the key at fault.
    """
    if not isinstance(records, list) or not records:
        raise _bad(path, "targets", "expected a non-empty list of targets")
    required = [c for c in TARGET_COLUMNS if c != "table_row"]
    rows = []
    for n, rec in enumerate(records, start=1):
        where = f"target {n}" + (f" ({rec.get('target_id')!r})" if isinstance(rec, dict) and rec.get("target_id") else "")
        if not isinstance(rec, dict):
            raise _bad(path, where, f"expected a mapping, got {type(rec).__name__}")
        missing = [k for k in required if k not in rec]
        unknown = [k for k in rec if k not in TARGET_COLUMNS]
        if missing or unknown:
            raise _bad(path, where, f"missing keys {missing}, unknown keys {unknown}; valid keys: {list(TARGET_COLUMNS)}")
        row = dict(rec)
        row.setdefault("table_row", None)
        for key in ("base_value", "target_value"):
            if isinstance(row[key], bool) or not isinstance(row[key], (int, float)) or not np.isfinite(row[key]):
                raise _bad(path, where, f"{key} = {row[key]!r} is not a finite number")
            row[key] = float(row[key])
        for key in ("base_year", "target_year"):
            if isinstance(row[key], bool) or not isinstance(row[key], int):
                raise _bad(path, where, f"{key} = {row[key]!r} is not a whole year")
            if not PLAUSIBLE_YEARS[0] <= row[key] <= PLAUSIBLE_YEARS[1]:
                raise _bad(path, where, f"{key} = {row[key]} is implausible (valid: {PLAUSIBLE_YEARS[0]} to {PLAUSIBLE_YEARS[1]})")
        if row["target_year"] <= row["base_year"]:
            raise _bad(path, where, f"target_year {row['target_year']} is not after base_year {row['base_year']}")
        if row["target_kind"] not in TARGET_KINDS:
            raise _bad(path, where, f"target_kind = {row['target_kind']!r}; valid: {list(TARGET_KINDS)}")
        if row["direction"] not in DIRECTIONS:
            raise _bad(path, where, f"direction = {row['direction']!r}; valid: {list(DIRECTIONS)}")
        for key in ("target_id", "indicator", "name_zh", "name_en", "unit", "quote"):
            row[key] = "" if row[key] is None else str(row[key])
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(TARGET_COLUMNS))
    dup = out["target_id"].duplicated()
    if dup.any():
        raise _bad(path, f"target {int(dup.idxmax()) + 1}", f"target_id {out.loc[dup.idxmax(), 'target_id']!r} is used twice")
    out.insert(0, "region", region)
    out["target_level"] = np.where(
        out["target_kind"] == "level", out["target_value"],
        np.where(out["target_kind"] == "cumulative_increase", out["base_value"] + out["target_value"], np.nan),
    )
    return out


def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the plan's targets (``data/targets.yaml``).

    Returns
    -------
    DataFrame
        One row per target with ``region`` (whose plan), :data:`TARGET_COLUMNS` and
        ``target_level``.  ``target_id`` is unique; ``indicator`` links to the observations.
    """
    path = Path(path) if path is not None else paths.TARGETS
    doc = read_yaml(path)  # strict: a key given twice is an error naming the line
    if not isinstance(doc, dict) or "targets" not in doc or not doc.get("region"):
        raise _bad(path, "top level", "expected a mapping with 'region' (whose plan) and a 'targets' list")
    return validate_targets(doc["targets"], path, str(doc["region"]))


def plan_targets(targets: pd.DataFrame, region: str) -> pd.DataFrame:
    """The targets of ``region``'s plan (empty for a region without one in the targets file)."""
    return targets[targets["region"] == region]


def find_target(targets: pd.DataFrame, key: str) -> pd.Series:
    """The target row whose ``target_id`` (or, failing that, ``indicator``) is ``key``."""
    hit = targets[targets["target_id"] == key]
    if hit.empty:
        hit = targets[targets["indicator"] == key]
    if hit.empty:
        raise ValueError(f"No target for {key!r}; known: {sorted(targets['target_id'])}")
    return hit.iloc[0]
