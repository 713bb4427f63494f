"""Params files: one YAML per run, checked against one schema before anything runs.

A params file is a YAML mapping.  Two keys belong to the batch:

``notebook``  the notebook to run, relative to ``notebooks/`` (default ``indicator_briefing.ipynb``);
``name``      the run's name (default: the file's stem).

Every other key must be a parameter of that notebook's cell tagged ``parameters`` and have
its type: the notebook's typed defaults *are* the schema (read with
:func:`papermill.inspect_notebook`).  Merge order: the notebook's defaults < the file <
command-line overrides.  Unknown keys are errors (papermill itself only warns).

Files are read strictly (:mod:`sjzforecast.yamlio`: a key given twice is an error, dates stay
text); an empty file is an error.  Harmless type differences are converted, with a logged
note: an integer-valued text or float for an ``int`` parameter (``"2030"`` -> 2030), a whole
number or a numeric text for a ``float`` parameter (12 -> 12.0).  A growth rate that looks like
a fraction (``growth_rate: 0.12`` for 12 %/yr) is warned about, not refused
(:func:`fraction_rate_warnings`).
"""
from __future__ import annotations

import ast
import functools
import logging
import math
import re
from pathlib import Path

import papermill
import yaml

from . import paths
from .data import project_path
from .errors import SjzforecastError, did_you_mean
from .yamlio import read_yaml

logger = logging.getLogger(__name__)

DEFAULT_NOTEBOOK = "indicator_briefing.ipynb"
BATCH_KEYS = ("notebook", "name")
_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "list": (list,), "tuple": (list,),
          "dict": (dict,)}
#: What a value of each parameter type looks like in a params file, for error messages.
_EXAMPLES = {"str": "text", "int": "a whole number such as 2030", "float": "a number such as 12.5",
             "bool": "true or false", "list": "a list such as [a, b]", "tuple": "a list such as [a, b]",
             "dict": "a mapping such as {2026: 6.0}"}
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ParamsError(SjzforecastError):
    """A params file that cannot run; the message names the file and the key."""


#: A rate below 1 %/yr is taken for a fraction when the series grew at least this many times faster.
FRACTION_GROWTH_FACTOR = 5
#: The drivers scenario's rates: growth of the numerator and the denominator of a ratio indicator.
DRIVER_RATES = ("rd_growth", "gdp_growth")


def scenario_rates(parameters: dict) -> dict[str, float]:
    """The growth scenario's rates (percent a year) by key: ``growth_rate`` and each span of ``growth_by_year``."""
    rates = {f"growth_by_year[{span!r}]": rate for span, rate in (parameters.get("growth_by_year") or {}).items()}
    if parameters.get("growth_rate") is not None:
        rates["growth_rate"] = parameters["growth_rate"]
    return rates


def fraction_rate_warnings(rates: dict[str, float], observed_growth: float | None = None,
                           grown: str = "the indicator") -> list[str]:
    """Why each rate of ``rates`` (key -> percent a year) may be a fraction written for a percentage.

    A rate :math:`r` is suspect when :math:`0 < |r| < 1` and the observed average growth :math:`g` of the
    series it is a growth of (``grown``; percent a year, None where there is none) is at least
    :data:`FRACTION_GROWTH_FACTOR` times larger, :math:`|g| \\ge 5 |r|`; without an observed growth every
    such rate is.  A warning, not an error: 0.12 %/yr can be meant.

    >>> fraction_rate_warnings({"growth_rate": 0.12}, 15.0)[0].split(" (")[0]
    "key 'growth_rate' = 0.12: 0.12 means 0.12 %/yr; for 12 %/yr write 12"
    >>> fraction_rate_warnings({"growth_rate": 0.12}, 0.3), fraction_rate_warnings({"growth_rate": 6.0})
    ([], [])
    """
    observed = "" if observed_growth is None else f"; {grown} grew {observed_growth:.1f} %/yr on average"
    warnings = []
    for key, rate in rates.items():
        outgrown = observed_growth is None or abs(observed_growth) >= FRACTION_GROWTH_FACTOR * abs(rate)
        if 0 < abs(rate) < 1 and outgrown:
            percent = f"{100 * rate:.4g}"
            warnings.append(f"key {key!r} = {rate!r}: {rate:g} means {rate:g} %/yr; for {percent} %/yr write "
                            f"{percent} (rates are in percent a year{observed})")
    return warnings


def read_params_file(path: str | Path) -> dict:
    """Read one params YAML strictly (:func:`sjzforecast.yamlio.read_yaml`).

    Raises
    ------
    ParamsError
        Not UTF-8, not valid YAML, a key given twice, an empty file, or not a mapping.
    """
    path = Path(path)
    try:
        doc = read_yaml(path)
    except SjzforecastError as exc:
        raise ParamsError(str(exc)) from None
    if doc is None:
        raise ParamsError(f"{path}: the params file is empty; give at least the parameters that differ "
                          f"from the notebook's defaults, e.g. 'indicator: rd_intensity'")
    if not isinstance(doc, dict):
        raise ParamsError(f"{path}: expected a mapping of parameter names to values, one 'name: value' a line "
                          f"(e.g. 'indicator: rd_intensity'); got a {type(doc).__name__}")
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
            raise ParamsError(f"{source}: unknown key {key!r}{did_you_mean(key, schema)}; valid keys for "
                              f"{nb.name}: {sorted(schema) + list(BATCH_KEYS)}")
        type_name = schema[key].split("[")[0].strip()
        doc[key] = coerce(value, type_name)
        if doc[key] is not value:
            logger.log(logging.WARNING if isinstance(value, str) else logging.INFO,
                       "%s: key %r = %r read as %s %r", source, key, value, type_name, doc[key])
        expected = _TYPES.get(type_name)
        if expected and (not isinstance(doc[key], expected) or (isinstance(doc[key], bool) and bool not in expected)):
            raise ParamsError(f"{source}: key {key!r} = {value!r} is not of type {schema[key]}; "
                              f"give {_EXAMPLES.get(type_name, schema[key])}")
    return name, nb, doc


def coerce(value, type_name: str):
    """``value`` converted to ``type_name`` where the meaning is plain; otherwise ``value`` itself.

    ``int``: an integer-valued float or a text of digits (``"2030"`` -> 2030); ``float``: an
    int or a numeric text (12 -> 12.0, ``"2.5"`` -> 2.5).  Booleans are never converted.

    >>> coerce("2030", "int"), coerce(12, "float"), coerce("soon", "int")
    (2030, 12.0, 'soon')
    """
    if isinstance(value, bool):
        return value
    if type_name == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if type_name == "int" and isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    if type_name == "float" and isinstance(value, int):
        return float(value)
    if type_name == "float" and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return number if math.isfinite(number) else value
    return value


def check_data_files(parameters: dict, source) -> None:
    """Every file the keys ``observations`` and ``targets`` name is on disk, found as the runs find it
    (:func:`sjzforecast.data.project_path`: the folder sjzforecast runs in, else inside the project).

    Raises
    ------
    ParamsError
        Naming ``source``, the key, the file and the folders a relative path is read from.
    """
    named = [("observations", name) for name in parameters.get("observations") or ()]
    named += [("targets", parameters["targets"])] if parameters.get("targets") else []
    for key, name in named:
        if not project_path(name).is_file():
            raise ParamsError(f"{source}: key {key!r} = {str(name)!r}: no such file (a relative path is read "
                              f"from the folder sjzforecast runs in, {Path.cwd()}, else from the project, {paths.ROOT})")


def check_against_data(parameters: dict, source, observations, targets) -> None:
    """Check the parameters that are :class:`~sjzforecast.question.Question` fields, as a question does.

    The briefing's parameters are all the fields of a question; another notebook's (the plan
    dashboard's region, target year, simulation, data files and language) are a subset, checked
    by the same code (:func:`sjzforecast.question.check_fields`; a None there means "not given");
    the plan dashboard's ``methods`` against the registered progress methods, and its region
    against the plans of the targets file.  A misspelled name gets a "did you mean" hint.  A growth
    rate (of the growth or the drivers scenario) that looks like a fraction beside the observed average
    growth of its series (first to last observation published by ``as_of``, :func:`rate_checks`) is logged as
    a warning naming ``source`` (:func:`fraction_rate_warnings`).

    ``parameters`` are the merged parameters (notebook defaults < file), so that e.g. an
    indicator is checked for the region the run will use.

    Raises
    ------
    ParamsError
        Naming ``source``, the key, the value and what would be valid.
    """
    from .data import region_plan
    from .progress.registry import get_method
    from .question import FieldError, check_fields, question_fields

    for method in parameters.get("methods") or ():  # the plan dashboard's progress methods
        try:
            get_method(method)
        except ValueError as exc:
            raise ParamsError(f"{source}: key 'methods': {exc}") from None
    names = question_fields()
    fields = {key: value for key, value in parameters.items() if key in names}
    if set(fields) != names:
        fields = {key: value for key, value in fields.items() if value is not None}
    try:
        selection = check_fields(fields, observations, targets)
    except FieldError as exc:
        raise ParamsError(f"{source}: key {exc.key!r} = {exc.value!r}: {exc.problem}") from None
    except ValueError as exc:  # a series the data cannot give (nothing published by as_of, only d rows)
        raise ParamsError(f"{source}: {exc}") from None
    if "methods" in parameters:  # the plan dashboard: the region's plan
        try:
            region_plan(targets, parameters.get("region"))
        except ValueError as exc:
            raise ParamsError(f"{source}: {exc}") from None
    for rates, observed, grown in rate_checks(parameters, selection, observations):
        for warning in fraction_rate_warnings(rates, observed, grown):
            logger.warning("%s: %s", source, warning)


def observed_growth(series) -> float | None:
    """Average growth of ``series`` from its first to its last observation (percent a year,
    :func:`~sjzforecast.answer.percent_growth`); None for no series."""
    from .answer import percent_growth

    if series is None:
        return None
    return percent_growth(int(series.index[0]), float(series.iloc[0]), float(series.iloc[-1]), int(series.index[-1]))


def rate_checks(parameters: dict, selection, observations) -> list[tuple[dict[str, float], float | None, str]]:
    """The rates of ``parameters`` (percent a year) with the observed growth each is set beside by
    :func:`fraction_rate_warnings`, and what grew so: the growth scenario's (:func:`scenario_rates`) beside
    the indicator's own series (``selection``), and the drivers scenario's ``rd_growth`` and ``gdp_growth``
    beside the series they are the growth of (:data:`~sjzforecast.scenarios.RATIO_INDICATORS`: R&D
    expenditure and GDP for R&D intensity) in the run's region, as published by the run's ``as_of`` (the run's
    own selection, :func:`~sjzforecast.question.series_of`); None where that series is not at hand."""
    from .question import series_of
    from .scenarios import RATIO_INDICATORS

    checks = [(scenario_rates(parameters), observed_growth(None if selection is None else selection.series),
               "the indicator")]
    drivers = dict(zip(DRIVER_RATES, RATIO_INDICATORS.get(parameters.get("indicator"), ())))
    for key in DRIVER_RATES:
        if parameters.get(key) is None:
            continue
        try:
            series = series_of({"region": parameters.get("region"), "indicator": drivers[key],
                                "as_of": parameters.get("as_of")}, observations).series
        except (KeyError, ValueError):  # not a ratio indicator, or no such series in the region
            series = None
        checks.append(({key: parameters[key]}, observed_growth(series), drivers.get(key, key)))
    return checks


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
