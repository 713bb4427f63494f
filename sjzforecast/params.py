"""Params files: one YAML per run, checked against one schema before anything runs.

A params file is a YAML mapping.  Two keys belong to the batch:

``notebook``  the notebook to run, relative to ``notebooks/`` (default ``indicator_briefing.ipynb``);
``name``      the run's name (default: the file's stem).

Every other key must be a parameter of that notebook's cell tagged ``parameters`` and have
its type: the notebook's typed defaults *are* the schema (read with
:func:`papermill.inspect_notebook`).  Merge order: the notebook's defaults < the file <
command-line overrides.  Unknown keys are errors (papermill itself only warns).
"""
from __future__ import annotations

import ast
import functools
import logging
import re
from pathlib import Path

import papermill
import yaml
from papermill.iorw import NoDatesSafeLoader

from . import paths

logger = logging.getLogger(__name__)

DEFAULT_NOTEBOOK = "indicator_briefing.ipynb"
BATCH_KEYS = ("notebook", "name")
_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "list": (list,), "dict": (dict,)}
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ParamsError(ValueError):
    """A params file that cannot run; the message names the file and the key."""


def read_params_file(path: str | Path) -> dict:
    """Read one params YAML (dates stay strings, as in papermill)."""
    path = Path(path)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=NoDatesSafeLoader)
    except yaml.YAMLError as exc:
        raise ParamsError(f"{path}: not valid YAML: {exc}") from exc
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ParamsError(f"{path}: expected a mapping of parameter names to values, got {type(doc).__name__}")
    return doc


@functools.lru_cache(maxsize=None)
def _inspect(notebook_path: str) -> dict:
    found = papermill.inspect_notebook(notebook_path)
    if not found:
        raise ParamsError(f"{notebook_path}: has no cell tagged 'parameters'")
    return found


def notebook_schema(notebook_path: str | Path) -> dict[str, str]:
    """Parameter name -> type name, from the notebook's ``parameters`` cell."""
    return {name: p["inferred_type_name"] for name, p in _inspect(str(notebook_path)).items()}


def notebook_defaults(notebook_path: str | Path) -> dict:
    """Parameter name -> default value, from the notebook's ``parameters`` cell."""
    return {name: ast.literal_eval(p["default"]) for name, p in _inspect(str(notebook_path)).items()}


def notebook_path(name: str) -> Path:
    path = paths.NOTEBOOKS_DIR / name
    if not path.is_file() or path.suffix != ".ipynb" or path.resolve().parent != paths.NOTEBOOKS_DIR.resolve():
        known = sorted(p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
        raise ParamsError(f"no notebook {name!r}; known: {known}")
    return path


def validate_params(doc: dict, source: str | Path = "params") -> tuple[str, Path, dict]:
    """Check keys and types; return ``(run name, notebook path, notebook parameters)``.

    Raises
    ------
    ParamsError
        Unknown key, wrong type, unknown notebook or unsafe run name; names ``source`` and the key.
    """
    doc = dict(doc)
    try:
        nb = notebook_path(str(doc.pop("notebook", DEFAULT_NOTEBOOK)))
    except ParamsError as exc:
        raise ParamsError(f"{source}: key 'notebook': {exc}") from None
    name = str(doc.pop("name", Path(str(source)).stem))
    if not SAFE_NAME.match(name) or ".." in name:
        raise ParamsError(f"{source}: key 'name' = {name!r} is not a safe file name "
                          "(letters, digits, '_', '-', '.'; no '..' or slashes)")
    schema = notebook_schema(str(nb))
    for key, value in doc.items():
        if key not in schema:
            raise ParamsError(f"{source}: unknown key {key!r}; valid keys for {nb.name}: "
                              f"{sorted(schema) + list(BATCH_KEYS)}")
        expected = _TYPES.get(schema[key].split("[")[0].strip())
        if expected and (not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected)):
            raise ParamsError(f"{source}: key {key!r} = {value!r} is not of type {schema[key]}")
        if schema[key] == "float" and isinstance(value, int) and not isinstance(value, bool):
            doc[key] = float(value)
    return name, nb, doc


def check_against_data(parameters: dict, source, observations, targets) -> None:
    """Check keys that name things in the data: region, indicator, target, target_year, model, language.

    ``parameters`` are the merged parameters (notebook defaults < file), so that e.g. an
    indicator is checked for the region the run will use.

    Raises
    ------
    ParamsError
        Naming ``source``, the key, the value and what would be valid.
    """
    from .i18n import LANGUAGES
    from .models import MODELS
    from .series import select_series

    def fail(key, problem):
        raise ParamsError(f"{source}: key {key!r} = {parameters[key]!r}: {problem}")

    if "language" in parameters and parameters["language"] not in LANGUAGES:
        fail("language", f"valid: {list(LANGUAGES)}")
    if "model" in parameters and parameters["model"] not in {*MODELS, "auto"}:
        fail("model", f"no such model; known: {sorted(MODELS) + ['auto']}")
    if parameters.get("target") and parameters["target"] not in set(targets["target_id"]):
        fail("target", f"no such target; known: {sorted(targets['target_id'])}")
    if "region" in parameters and parameters["region"] not in set(observations["region"]):
        fail("region", "no observations for this region")
    if "indicator" in parameters:
        region = parameters["region"]
        try:
            series = select_series(observations, region, parameters["indicator"]).series
        except ValueError as exc:
            fail("indicator", str(exc))
        if "target_year" in parameters and parameters["target_year"] < series.index[-1]:
            fail("target_year", f"before the last observation of {parameters['indicator']!r} for "
                                f"{region!r} ({series.index[-1]}); choose {series.index[-1]} or later")
    from .question import Question, question_fields

    if set(parameters) == question_fields():  # the briefing's parameters ask a Question: build it
        try:
            Question(**parameters)
        except ValueError as exc:
            raise ParamsError(f"{source}: {exc}") from None


def save_params(doc: dict, path: str | Path, overwrite: bool = False, comment: str | None = None) -> Path:
    """Write one params file, checked with :func:`validate_params` first; return its path.

    Parameters
    ----------
    doc : dict
        Parameter name -> value, as a params file holds them.
    path : str or Path
        ``<name>.yaml``; the stem is the run's name unless ``doc`` has ``name``.
    overwrite : bool
        Replace an existing file (default: refuse).
    comment : str, optional
        Written as ``#`` lines above the parameters.

    Raises
    ------
    ParamsError
        ``doc`` would not pass the batch's checks, or ``path`` is not a ``.yaml``/``.yml`` file.
    FileExistsError
        ``path`` exists and ``overwrite`` is false.
    """
    path = Path(path)
    if path.suffix not in (".yaml", ".yml"):
        raise ParamsError(f"{path}: params files end in .yaml or .yml")
    validate_params(doc, path)
    text = yaml.safe_dump(dict(doc), allow_unicode=True, sort_keys=False, default_flow_style=False)
    if comment:
        text = "".join(f"# {line}\n" for line in comment.splitlines()) + text
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "w" if overwrite else "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise FileExistsError(f"{path} exists; pass overwrite=True to replace it") from None
    logger.info("wrote %s", path)
    return path
