"""Params files that expand to several runs: the ``grid:`` key.

A params file may hold a key ``grid`` mapping parameter names to lists of values::

    indicator: rd_intensity
    grid:
      model: [drift, damped]
      target_year: [2025, 2030]

It expands to one run per combination (here four), in the order the grid lists keys and
values, each named ``<name>__<key>-<value>__...`` where ``<name>`` is the file's ``name`` or
stem.  Values are turned into safe file names (letters, digits, ``_``, ``-``, ``.``); a value that
had to be changed gets a short hash of the original, so names stay unique and deterministic.
"""
from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

GRID_KEY = "grid"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class RunSpec:
    """One run: its name, the params file it comes from, and its parameters (or why it cannot run)."""

    name: str
    params_file: str
    doc: dict = field(default_factory=dict)
    error: str | None = None


def safe_name_part(value) -> str:
    """``value`` as a file-name fragment: unsafe characters become ``_``, plus a hash if anything changed.

    >>> safe_name_part(0.12), safe_name_part("drift"), safe_name_part("../etc")
    ('0.12', 'drift', 'etc_f7f912')
    """
    text = str(value)
    parts = [_UNSAFE.sub("_", p).strip("_") for p in text.split(".")]
    slug = ".".join(p for p in parts if p)
    if slug == text:
        return slug
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
    return f"{slug}_{digest}" if slug else digest


def expand_doc(doc: dict, base_name: str, source: str | Path = "params") -> list[tuple[str, dict]]:
    """The runs a params mapping stands for: ``[(name, doc without grid)]``.

    Raises
    ------
    ValueError
        The grid is not a mapping of parameter names to non-empty lists, or it repeats a key
        that the file also sets.
    """
    if GRID_KEY not in doc:
        return [(base_name, dict(doc))]
    doc = dict(doc)
    grid = doc.pop(GRID_KEY)
    if not isinstance(grid, dict) or not grid:
        raise ValueError(f"{source}: key 'grid' must map parameter names to lists of values, got {grid!r}")
    for key, values in grid.items():
        if not isinstance(values, list) or not values:
            raise ValueError(f"{source}: key 'grid.{key}' must be a non-empty list, got {values!r}")
        if key in doc:
            raise ValueError(f"{source}: key {key!r} is set both in the file and in its grid")
        if key in ("name", "notebook"):
            raise ValueError(f"{source}: key 'grid.{key}' cannot vary; grid keys are notebook parameters")
    runs = []
    for combo in itertools.product(*grid.values()):
        overrides = dict(zip(grid, combo))
        name = "__".join([base_name, *(f"{safe_name_part(k)}-{safe_name_part(v)}" for k, v in overrides.items())])
        runs.append((name, {**doc, **overrides, "name": name}))
    return runs


def expand_files(files, read) -> list[RunSpec]:
    """Every run of every params file, in file order; a file that cannot be read or expanded is one failed run.

    Parameters
    ----------
    files : list of Path
    read : callable
        Reads one params file into a mapping (e.g. :func:`sjzforecast.params.read_params_file`).

    Returns
    -------
    list of RunSpec
        Run names are unique: a name seen before becomes a failed run naming the earlier file.
    """
    specs, seen = [], {}
    for path in files:
        try:
            doc = read(path)
            runs = expand_doc(doc, str(doc.get("name", Path(path).stem)), path)
        except ValueError as exc:
            specs.append(RunSpec(Path(path).stem, str(path), error=str(exc)))
            continue
        for name, run_doc in runs:
            if name in seen:
                error = f"{path}: run name {name!r} is already used by {seen[name]}"
                specs.append(RunSpec(name, str(path), error=error))
            else:
                seen[name] = path
                specs.append(RunSpec(name, str(path), run_doc))
    return specs
