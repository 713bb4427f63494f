"""Load and validate the two data files: observations and plan targets.

One long table for observations, checked once here; every other module trusts its shape
(the pyam / statsforecast convention).  Errors name the file, the line and the value.
"""
from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .errors import SjzforecastError, did_you_mean
from .plausibility import implausible
from .precision import written_decimals
from .status import FLAGS, UNSOURCED_FLAGS
from .yamlio import read_yaml

logger = logging.getLogger(__name__)

#: Columns every observations file has, in order.
OBSERVATION_COLUMNS = ("region", "indicator", "year", "value", "unit", "source_url", "quote", "derived")
#: Optional columns (observation status, :mod:`sjzforecast.status`): empty when absent.
STATUS_COLUMNS = ("flag", "published")
#: Columns :func:`load_observations` adds: the file each row came from (relative to the
#: project when inside it) and whether the row has no source (no ``source_url`` and no ``quote``).
PROVENANCE_COLUMNS = ("source_file", "unsourced")
#: Column :func:`validate_observations` adds: the decimals each value was written with (``196`` 0,
#: ``2.10`` 2; :func:`~sjzforecast.precision.written_decimals`), which a float forgets.
PRECISION_COLUMNS = ("decimals",)
#: Columns of a loaded observations table.
LOADED_COLUMNS = OBSERVATION_COLUMNS + STATUS_COLUMNS + PROVENANCE_COLUMNS + PRECISION_COLUMNS
#: A repeated key is the same number from the same source twice.
OBSERVATION_KEY = ("region", "indicator", "year", "source_url", "value")
#: File types an observations file may have.
OBSERVATION_SUFFIXES = (".csv", ".xlsx")
#: Columns every target has (``load_targets`` adds ``region``, whose plan it is).
TARGET_COLUMNS = (
    "target_id", "indicator", "name_zh", "name_en", "unit", "base_year", "base_value",
    "target_year", "target_value", "target_kind", "direction", "table_row", "quote",
)
TARGET_KINDS = ("level", "growth_rate", "cumulative_increase")
DIRECTIONS = ("increase", "decrease")
#: Years outside this range are taken for typing errors.
PLAUSIBLE_YEARS = (1949, 2100)


def _bad(path, where: str, problem: str) -> SjzforecastError:
    return SjzforecastError(f"{path}: {where}: {problem}")


def _check_years(years: pd.Series, path, line_of) -> None:
    lo, hi = PLAUSIBLE_YEARS
    bad = years[(years < lo) | (years > hi)]
    if len(bad):
        i = bad.index[0]
        raise _bad(path, line_of(i), f"year {bad.iloc[0]} is implausible (valid: {lo} to {hi})"
                   + (f"; {len(bad)} such rows" if len(bad) > 1 else ""))


def _check_status(out: pd.DataFrame, path, line_of) -> None:
    """``flag`` is one of :data:`~sjzforecast.status.FLAGS`; ``published`` an ISO date."""
    bad_flag = out.index[~out["flag"].isin(["", *FLAGS])]
    if len(bad_flag):
        value = out.loc[bad_flag[0], "flag"]
        raise _bad(path, line_of(bad_flag[0]), f"flag {value!r} is not a status code; valid: empty or "
                   + ", ".join(f"{k} ({v})" for k, v in FLAGS.items()) + did_you_mean(value, FLAGS))
    dated = out["published"] != ""
    parsed = pd.to_datetime(out["published"].where(dated), format="%Y-%m-%d", errors="coerce")
    bad_date = out.index[dated & parsed.isna()]
    if len(bad_date):
        raise _bad(path, line_of(bad_date[0]), f"published {out.loc[bad_date[0], 'published']!r} is not a date; "
                   "valid: empty or YYYY-MM-DD")


def _check_plausible(out: pd.DataFrame, path, line_of) -> None:
    problems = implausible(out["value"], out["unit"])
    bad = out.index[problems != ""]
    if len(bad):
        i = bad[0]
        raise _bad(path, line_of(i), f"value {out.loc[i, 'value']:g} {out.loc[i, 'unit']} of "
                   f"{out.loc[i, 'indicator']!r} is implausible (valid: {problems[i]})"
                   + (f"; {len(bad)} such rows" if len(bad) > 1 else ""))
    unsourced = (out["source_url"] == "") & (out["quote"] == "")
    bad = out.index[unsourced & ~out["flag"].isin(UNSOURCED_FLAGS)]
    if len(bad):
        raise _bad(path, line_of(bad[0]), "no source_url and no quote: give the source, or flag the row "
                   f"{' or '.join(repr(f) for f in UNSOURCED_FLAGS)} (estimated, low reliability) to load it as unsourced")
    out["unsourced"] = unsourced


def validate_observations(frame: pd.DataFrame, path="observations", row_word: str = "line") -> pd.DataFrame:
    """Check an observations table and return it with clean dtypes.

    Parameters
    ----------
    frame : DataFrame
        Columns :data:`OBSERVATION_COLUMNS`, optionally :data:`STATUS_COLUMNS`, as read from
        a file (strings are fine).
    path : str or Path
        Named in error messages.
    row_word : str
        How rows are called in messages (``line`` in CSV, ``row`` in a spreadsheet).

    Returns
    -------
    DataFrame
        :data:`OBSERVATION_COLUMNS` and :data:`STATUS_COLUMNS` (``""`` where absent),
        ``unsourced`` and ``decimals`` (:data:`PRECISION_COLUMNS`); ``year`` as int, ``value`` as float,
        text columns as str.

    Raises
    ------
    SjzforecastError
        Missing or unknown columns, an empty region or indicator, a non-numeric value or year,
        an implausible year or value for its unit (:mod:`sjzforecast.plausibility`), an unknown
        flag, a published date that is not ``YYYY-MM-DD``, a row without source unless flagged
        ``e`` or ``u``, or a repeated key; the message names the file, the line and the value.
    """
    def line_of(i) -> str:
        return f"{row_word} {int(i) + 2}"  # header is line 1

    cols = list(frame.columns)
    missing = [c for c in OBSERVATION_COLUMNS if c not in cols]
    unknown = [c for c in cols if c not in OBSERVATION_COLUMNS + STATUS_COLUMNS]
    if missing or unknown:
        problems = [f"{what} columns {names}" for what, names in (("missing", missing), ("unknown", unknown)) if names]
        raise _bad(path, "header", f"{', '.join(problems)}; expected {list(OBSERVATION_COLUMNS)}, "
                   f"optionally {list(STATUS_COLUMNS)}{did_you_mean(unknown[0], missing) if unknown else ''}")
    out = frame.reindex(columns=list(OBSERVATION_COLUMNS + STATUS_COLUMNS), fill_value="")
    for col in ("region", "indicator", "unit", "source_url", "quote", "derived", *STATUS_COLUMNS):
        out[col] = out[col].fillna("").astype(str).str.strip()
    out["flag"] = out["flag"].str.lower()
    out["published"] = out["published"].str.replace(r" 00:00:00$", "", regex=True)  # a date cell from Excel
    for col in ("region", "indicator"):
        empty = out.index[out[col] == ""]
        if len(empty):
            raise _bad(path, line_of(empty[0]), f"empty {col!r}")
    for col, valid in (("year", "a year such as 2024"), ("value", "a plain number such as 1557.2 (no unit, "
                                                                    "no thousands separator)")):
        numeric = pd.to_numeric(out[col], errors="coerce")
        bad = out.index[numeric.isna() | ~np.isfinite(numeric.astype(float))]
        if len(bad):
            raise _bad(path, line_of(bad[0]), f"{col} {frame.loc[bad[0], col]!r} is not a finite number; give {valid}")
        out[col] = numeric.astype(float)
    out["decimals"] = [written_decimals(text) for text in frame["value"]]
    fractional = out.index[out["year"] != out["year"].round()]
    if len(fractional):
        raise _bad(path, line_of(fractional[0]), f"year {out.loc[fractional[0], 'year']} is not a whole year")
    out["year"] = out["year"].astype(int)
    _check_years(out["year"], path, line_of)
    _check_status(out, path, line_of)
    _check_plausible(out, path, line_of)
    dup = out.duplicated(list(OBSERVATION_KEY), keep="first")
    if dup.any():
        i = out.index[dup][0]
        first = out.index[out.duplicated(list(OBSERVATION_KEY), keep=False)][0]
        key = ", ".join(f"{k} {out.loc[i, k]!s}" for k in OBSERVATION_KEY)
        raise _bad(path, line_of(i), f"repeats {line_of(first)} ({key}): the same number from the same source "
                   "twice; remove one of the two rows, or give the second its own source_url")
    return out


def read_table(path: Path) -> pd.DataFrame:
    """Read one observations file (CSV in UTF-8, or the first sheet of an ``.xlsx``) as text.

    Raises
    ------
    SjzforecastError
        The file is missing, of another type, empty, has a header but no rows, is not UTF-8
        (a CSV saved as GBK, for example) or cannot be parsed; the message names the file.
    """
    if path.suffix.lower() not in OBSERVATION_SUFFIXES:
        raise SjzforecastError(f"{path}: not an observations file; valid: {' or '.join(OBSERVATION_SUFFIXES)}")
    if not path.is_file():
        raise SjzforecastError(f"{path}: no such file")
    try:
        if path.suffix.lower() == ".xlsx":
            frame = pd.read_excel(path, sheet_name=0, dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise SjzforecastError(f"{path}: the file is empty; expected a header {list(OBSERVATION_COLUMNS)} "
                               "and one row per observation") from None
    except UnicodeDecodeError as exc:
        raise SjzforecastError(f"{path}: not UTF-8 text (byte {exc.start}): save the file as UTF-8 "
                               "(in Excel: Save As > CSV UTF-8)") from None
    except (pd.errors.ParserError, ValueError, OSError, zipfile.BadZipFile) as exc:  # parser errors name the line
        raise SjzforecastError(f"{path}: cannot be read: {exc}") from exc
    if frame.empty:
        raise SjzforecastError(f"{path}: has a header but no observations")
    return frame


def project_path(path: str | Path) -> Path:
    """``path`` as given when it exists; else, if relative, inside the project (a params file's
    ``data/plans/hebei-14th.yaml`` works from any working folder)."""
    path = Path(path)
    if path.exists() or path.is_absolute() or not (paths.ROOT / path).exists():
        return path
    return paths.ROOT / path


def display_path(path: Path) -> str:
    """``path`` relative to the project root where it is inside it (``data/raw/observations.csv``)."""
    try:
        return Path(path).resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def local_files(folder: Path | None = None) -> list[Path]:
    """The observations files in ``data/local/`` (CSV and ``.xlsx``, by name; Excel lock files skipped)."""
    folder = paths.LOCAL_DATA if folder is None else Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in OBSERVATION_SUFFIXES and not p.name.startswith(("~$", ".")))


def observation_files(path: str | Path | None = None, extra=()) -> list[Path]:
    """The files :func:`load_observations` reads, in order (see there)."""
    files = [Path(path)] if path is not None else [paths.RAW_OBSERVATIONS, *local_files()]
    return files + [Path(p) for p in ([extra] if isinstance(extra, (str, Path)) else extra)]


def load_observation_file(path: str | Path) -> pd.DataFrame:
    """Read and validate one observations file, with its ``source_file``."""
    path = project_path(path)
    frame = read_table(path)
    out = validate_observations(frame, path, row_word="row" if path.suffix.lower() == ".xlsx" else "line")
    out["source_file"] = display_path(path)
    logger.debug("loaded %d observations from %s", len(out), path)
    return out.loc[:, list(LOADED_COLUMNS)]


def load_observations(path: str | Path | None = None, extra=()) -> pd.DataFrame:
    """Read and validate the observations, merging extra files after the raw one.

    Parameters
    ----------
    path : str or Path, optional
        The main file; default ``data/raw/observations.csv``, followed by every file in
        ``data/local/`` (git-ignored: numbers of your own).  Files are only read, never written.
    extra : iterable of str or Path
        More observations files (CSV or ``.xlsx``, same columns; ``flag`` and ``published``
        optional), merged after the others.

    Returns
    -------
    DataFrame
        One row per published number, columns :data:`LOADED_COLUMNS`: ``source_file`` names the
        file each row came from.  Revisions and flags are resolved by
        :func:`sjzforecast.select_series`.

    Examples
    --------
    >>> obs = load_observations()
    >>> obs.query("region == '石家庄' and indicator == 'rd_intensity'")["value"].tolist()
    [1.83, 2.13, 2.52, 2.76]
    """
    return pd.concat([load_observation_file(f) for f in observation_files(path, extra)], ignore_index=True)


def validate_targets(records: list, path="targets", region: str = "") -> pd.DataFrame:
    """Check a list of target records (dicts) and return them as a DataFrame.

    ``region`` (the region whose plan this is) becomes the ``region`` column.  ``base_value``
    may be null where the plan states no base (NaN; a level target does not need it).

    Raises
    ------
    SjzforecastError
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
        if row["base_value"] is None:  # the plan does not state its base
            row["base_value"] = float("nan")
        for key in ("base_value", "target_value"):
            if isinstance(row[key], bool) or not isinstance(row[key], (int, float)) or np.isinf(row[key]) \
                    or (key == "target_value" and np.isnan(row[key])):
                raise _bad(path, where, f"{key} = {row[key]!r} is not a finite number"
                           + (" (or null where the plan states no base)" if key == "base_value" else ""))
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
    return out


def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate a plan's targets: ``data/targets.yaml`` by default, or any plan file.

    A plan file names the region whose plan it is (``region:``) and lists its ``targets``
    (see ``data/targets.yaml`` and ``data/plans/``).

    Returns
    -------
    DataFrame
        One row per target with ``region`` (whose plan) and :data:`TARGET_COLUMNS`.  ``target_id``
        is unique; ``indicator`` links to the observations.  The level a target implies in a
        year is :func:`sjzforecast.progress.targets.resolve_target`'s (a growth-rate target's
        depends on the observed base).

    Raises
    ------
    SjzforecastError
        The file is missing, empty, not UTF-8, not valid YAML, or a target is malformed.
    """
    path = project_path(path) if path is not None else paths.TARGETS
    if not path.is_file():
        raise SjzforecastError(f"{path}: no such targets file")
    doc = read_yaml(path)  # strict: a key given twice is an error naming the line
    if doc is None:
        raise SjzforecastError(f"{path}: the file is empty; expected 'region' (whose plan) and a 'targets' list")
    if not isinstance(doc, dict) or "targets" not in doc or not doc.get("region"):
        raise _bad(path, "top level", "expected a mapping with 'region' (whose plan) and a 'targets' list")
    return validate_targets(doc["targets"], path, str(doc["region"]))


def plan_targets(targets: pd.DataFrame, region: str) -> pd.DataFrame:
    """The targets of ``region``'s plan (empty for a region without one in the targets file)."""
    return targets[targets["region"] == region]


def region_plan(targets: pd.DataFrame, region: str) -> pd.DataFrame:
    """The targets of ``region``'s plan; a :class:`SjzforecastError` naming the regions with a plan if it has none."""
    plan = plan_targets(targets, region)
    if plan.empty:
        regions = sorted(set(targets["region"]))
        raise SjzforecastError(f"region = {region!r}: no plan targets; the targets file holds the plan of {regions}"
                               f"{did_you_mean(region, regions)}")
    return plan


def find_target(targets: pd.DataFrame, key: str) -> pd.Series:
    """The target row whose ``target_id`` (or, failing that, ``indicator``) is ``key``."""
    hit = targets[targets["target_id"] == key]
    if hit.empty:
        hit = targets[targets["indicator"] == key]
    if hit.empty:
        raise ValueError(f"No target for {key!r}; known: {sorted(targets['target_id'])}")
    return hit.iloc[0]
