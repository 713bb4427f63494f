"""What is asked: one frozen :class:`Question`, checked when it is built.

A question names a region and an indicator (or a plan target), the year the target is judged,
the scenario to lead with and its settings, the model and the simulation, and the data to use.
:func:`sjzforecast.answer.answer` answers it.  The briefing notebook's ``parameters`` cell has
exactly these fields, names, types and defaults; params files and the explorer's controls are
checked by building a Question from them, and another notebook's parameters that are question
fields (the plan dashboard's) by the same checks (:func:`check_fields`).

Rates are in **percent a year** everywhere (``growth_rate=12.0`` means 12 %/yr).

Building a Question raises :class:`~sjzforecast.errors.SjzforecastError` naming the key, the
value and what is valid: an unknown region, indicator, target, scenario or model (with a
did-you-mean hint), a rate at or below -100 %, quantiles out of order, a target or end year
before the last observation, more than :data:`MAX_YEARS_AHEAD` years past it or past
:data:`LAST_YEAR`, or a scenario that does not apply (``drivers`` for a non-ratio indicator,
``growth`` without a rate, ``target_path`` for an observed year).
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pandas as pd

from . import data as data_module
from . import effort, paths
from .errors import SjzforecastError, did_you_mean
from .forecast import check_n_paths, check_seed
from .i18n import LANGUAGES
from .models import MODELS, check_levels
from .progress.targets import TARGET_MODES
from .scenarios import RATIO_INDICATORS, SCENARIOS, growth_rates
from .series import SeriesSelection, select_series

#: A target or end year may lie at most this many years past the last observation.
MAX_YEARS_AHEAD = 30
#: No year past this one is forecast.
LAST_YEAR = 2100
#: Fewest observed years a forecast needs.
MIN_POINTS = 2


@dataclass(frozen=True)
class Question:
    """One question about one indicator; see the module docstring for the checks.

    Attributes
    ----------
    region, indicator : str
        Keys into the observations.
    target : str, optional
        A ``target_id`` of the targets file; default: the plan target of ``indicator``.
    target_year : int
        Year the target is judged in.
    target_mode : {"plan", "pace"}
        How a plan target is read in another year (:func:`~sjzforecast.progress.targets.target_level_in_year`).
    target_value : float, optional
        A level to reach instead of the plan's target (needed for regions without a plan).
    scenario : str
        The scenario the answer leads with (:data:`~sjzforecast.scenarios.SCENARIOS`).
    model : str
        A model name of :data:`~sjzforecast.models.MODELS`, or ``"auto"``.
    peers : bool
        Calibrate the model on the provincial panel where there is one.
    seed, n_paths : int
        Simulation seed and number of paths.
    end_year : int
        Last year of the outlook; paths run to ``max(end_year, target_year)``.
    levels : tuple of int
        Interval levels (percent) of the forecast bands.
    growth_rate : float, optional
        ``growth`` scenario: percent a year from the latest observation.
    growth_by_year : dict
        ``growth`` scenario: percent per year or span (``{"2026-2030": 6.0}``); overrides ``growth_rate``.
    high_quantile, low_quantile : float
        Quantiles of the business-as-usual paths for the ``high`` and ``low`` scenarios.
    rd_growth : float
        ``drivers`` scenario: R&D expenditure growth, percent a year.
    gdp_growth : float, optional
        ``drivers`` scenario: GDP growth, percent a year; None: the region's recent GDP growth.
    observations : tuple of str
        Extra observation files read with the project's observations.
    as_of : str, optional
        ISO date: use only what was published by then.
    targets : str, optional
        Path of a targets file (default ``data/targets.yaml``).
    language : {"zh", "en"}
        Language of the answer's words.
    """

    region: str = "石家庄"
    indicator: str = "rd_intensity"
    target: Optional[str] = None
    target_year: int = 2025
    target_mode: str = "plan"
    target_value: Optional[float] = None
    scenario: str = "bau"
    model: str = "auto"
    peers: bool = True
    seed: int = 0
    n_paths: int = 10000
    end_year: int = 2030
    levels: tuple = (50, 80, 95)
    growth_rate: Optional[float] = None
    growth_by_year: dict = field(default_factory=dict)
    high_quantile: float = 0.9
    low_quantile: float = 0.1
    rd_growth: float = 12.0
    gdp_growth: Optional[float] = None
    observations: tuple = ()
    as_of: Optional[str] = None
    targets: Optional[str] = None
    language: str = "zh"

    def __post_init__(self):
        for name in ("levels", "observations"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        observations, targets = question_data(self)
        # kept, so that answering against the same data reuses the series (:meth:`checked_selection`)
        object.__setattr__(self, "_checked", (observations, targets,
                                              check_fields(dataclasses.asdict(self), observations, targets)))

    def checked_selection(self, observations: pd.DataFrame, targets: pd.DataFrame) -> SeriesSelection:
        """The question's series in ``observations``: the one selected when the question was checked
        against these very frames, else checked against them now (:func:`check_against_data`).

        Raises
        ------
        FieldError
            The question does not fit these data.
        """
        checked_observations, checked_targets, selection = self._checked
        if observations is checked_observations and targets is checked_targets:
            return selection
        return check_against_data(dataclasses.asdict(self), observations, targets)

    def replace(self, **changes) -> "Question":
        """A new, checked question with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def to_params(self) -> dict:
        """The fields that differ from the defaults: a params file that asks this question."""
        out = {}
        for f in dataclasses.fields(self):
            default = f.default_factory() if f.default is dataclasses.MISSING else f.default
            value = getattr(self, f.name)
            if value != default:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


def question_fields() -> set[str]:
    """The names of the :class:`Question` fields (the briefing notebook's parameters)."""
    return {f.name for f in dataclasses.fields(Question)}


class FieldError(SjzforecastError):
    """One field's value is not valid: ``key = value: problem``.

    ``key``, ``value`` and ``problem`` are kept, so that a params file's check can say
    ``key 'target_year' = 2019`` with the file's name (:func:`sjzforecast.params.check_against_data`).
    """

    def __init__(self, key: str, value, problem: str):
        super().__init__(key, value, problem)
        self.key, self.value, self.problem = key, value, problem

    def __str__(self) -> str:
        return f"{self.key} = {self.value!r}: {self.problem}"


def fail(key: str, value, problem: str):
    """Raise the error for one field: ``key = value: problem``."""
    raise FieldError(key, value, problem)


#: A name checked against more choices than this, with a did-you-mean hint, says how many are known instead
#: of listing them (the data's 48 indicators; every registered model is listed).
LIST_AT_MOST = 20


def check_name(key: str, value, known: list, problem: str) -> None:
    """``value`` is one of ``known``; else fail with ``problem``, what is known (in that order)
    and a did-you-mean hint."""
    if value not in known:
        hint = did_you_mean(value, known)
        listed = f"{len(known)} are known" if hint and len(known) > LIST_AT_MOST else f"known: {list(known)}"
        fail(key, value, f"{problem}; {listed}{hint}")


def check_fields(fields: dict, observations: pd.DataFrame, targets: pd.DataFrame) -> SeriesSelection | None:
    """Check question fields, all of them or any subset (e.g. the plan dashboard's parameters).

    Each given field is checked alone, and every check that joins fields runs when all of
    its fields are given (an indicator against its region's data, a target year against the
    indicator's last observation).  :class:`Question` checks all its fields with it.

    Returns
    -------
    SeriesSelection or None
        The series checked (:func:`check_against_data`), when region and indicator are given.

    Raises
    ------
    FieldError
        Naming the key, the value and what is valid.
    """
    check_values(fields)
    return check_against_data(fields, observations, targets)


#: Annotation -> accepted types (a params file gives a tuple as a list).
_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "tuple": (tuple, list),
          "dict": (dict,)}


def check_types(fields: dict) -> None:
    """Every given field has its annotated type (``Optional[X]`` also takes None; ints pass as floats)."""
    for f in dataclasses.fields(Question):
        if f.name not in fields:
            continue
        value = fields[f.name]
        optional = f.type.startswith("Optional[")
        kind = f.type[len("Optional["):-1] if optional else f.type
        if value is None and optional:
            continue
        expected = _TYPES[kind]
        if isinstance(value, bool) and bool not in expected or not isinstance(value, expected):
            fail(f.name, value, f"expected {f.type}")


def check_rate(key: str, value) -> None:
    """A rate in percent a year: a finite number above -100 (:func:`sjzforecast.effort.check_rate`)."""
    try:
        effort.check_rate(value / 100 if isinstance(value, (int, float)) and not isinstance(value, bool) else value, key)
    except ValueError as exc:
        fail(key, value, str(exc))


def check_values(q: dict) -> None:
    """The checks that need no data, of the fields given in ``q``."""
    def given(*keys):
        return all(key in q for key in keys)

    check_types(q)
    if given("language"):
        check_name("language", q["language"], list(LANGUAGES), "no such language")
    if given("scenario"):
        check_name("scenario", q["scenario"], list(SCENARIOS), "no such scenario")
    if given("model"):
        check_name("model", q["model"], sorted(["auto", *MODELS]), "no such model")
    if given("target_mode") and q["target_mode"] not in TARGET_MODES:
        fail("target_mode", q["target_mode"], f"valid: {list(TARGET_MODES)}")
    if q.get("target_value") is not None and not math.isfinite(q["target_value"]):
        fail("target_value", q["target_value"], "a target level must be a finite number")
    for key in ("target_year", "end_year"):
        if given(key) and q[key] > LAST_YEAR:
            fail(key, q[key], f"years after {LAST_YEAR} are not forecast")
    for key, check in (("n_paths", check_n_paths), ("seed", check_seed)):
        if given(key):
            try:
                check(q[key])
            except ValueError as exc:
                fail(key, q[key], str(exc))
    if given("low_quantile", "high_quantile") and not 0 < q["low_quantile"] < q["high_quantile"] < 1:
        fail("low_quantile, high_quantile", (q["low_quantile"], q["high_quantile"]), "need 0 < low < high < 1")
    if given("levels"):
        try:
            check_levels(q["levels"])
        except ValueError as exc:
            fail("levels", q["levels"], str(exc))
    for key in ("growth_rate", "rd_growth", "gdp_growth"):
        if q.get(key) is not None:
            check_rate(key, q[key])
    growth_by_year = q.get("growth_by_year") or {}
    for span, rate in growth_by_year.items():
        check_rate(f"growth_by_year[{span!r}]", rate)
    if growth_by_year:
        try:
            growth_rates({k: v / 100 for k, v in growth_by_year.items()}, 2000, 2001)
        except ValueError as exc:
            fail("growth_by_year", growth_by_year, str(exc))
    if q.get("scenario") == "growth" and given("growth_rate", "growth_by_year") \
            and q["growth_rate"] is None and not growth_by_year:
        fail("scenario", q["scenario"], "the growth scenario needs growth_rate or growth_by_year")
    if q.get("scenario") == "drivers" and given("indicator") and q["indicator"] not in RATIO_INDICATORS:
        fail("scenario", q["scenario"], f"the drivers scenario applies to ratio indicators {list(RATIO_INDICATORS)}, "
                                        f"not {q['indicator']!r}")
    if q.get("as_of") is not None:
        try:
            datetime.date.fromisoformat(q["as_of"])
        except ValueError:
            fail("as_of", q["as_of"], "expected an ISO date such as 2026-06-30")


def _stamp(path) -> tuple:
    path = Path(path)
    return (str(path), path.stat().st_mtime_ns if path.exists() else None)


@functools.lru_cache(maxsize=8)
def _load(project_files: tuple, observation_files: tuple, targets_file: tuple | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    extra = [name for name, _ in observation_files]
    observations = data_module.load_observations(extra=extra) if extra else data_module.load_observations()
    targets = data_module.load_targets(targets_file[0]) if targets_file else data_module.load_targets()
    return observations, targets


def load_data(observations=(), targets: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The project's observations (plus extra files) and targets (or another targets file), read once per file version."""
    project_files = tuple(_stamp(p) for p in (*data_module.observation_files(), paths.TARGETS))  # raw, data/local
    return _load(project_files, tuple(_stamp(p) for p in observations), _stamp(targets) if targets else None)


def question_data(q: Question) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The observations and targets a question asks about (:func:`load_data` of its files)."""
    return load_data(q.observations, q.targets)


def series_of(q: Question | dict, observations: pd.DataFrame):
    """The :func:`~sjzforecast.series.select_series` selection of a question or its fields (``as_of`` when given)."""
    q = q if isinstance(q, dict) else dataclasses.asdict(q)
    if q.get("as_of") is not None:
        return select_series(observations, q["region"], q["indicator"], as_of=q["as_of"])
    return select_series(observations, q["region"], q["indicator"])


def plan_row(targets: pd.DataFrame, region: str, indicator: str, target: str | None = None) -> pd.Series | None:
    """The plan target row a question is judged against, or None (a user target).

    ``target`` (a ``target_id``) when given, else the region's plan target of ``indicator``.
    """
    plan = data_module.plan_targets(targets, region)
    if target is not None:
        check_name("target", target, sorted(targets["target_id"]), "no such target")
        if plan.empty:
            fail("target", target, f"it belongs to the plan of {sorted(set(targets['region']))}, not "
                                   f"{region!r}: give target_value")
        return data_module.find_target(plan, target)
    hit = plan[plan["indicator"] == indicator]
    return None if hit.empty else hit.iloc[0]


def check_against_data(q: dict, observations: pd.DataFrame, targets: pd.DataFrame) -> SeriesSelection | None:
    """The checks that need the data, of the fields given in ``q``: names, the target, and
    years against the last observation; returns the series checked (:func:`series_of`), or None
    without region and indicator."""
    if "region" not in q:
        return None
    check_name("region", q["region"], sorted(observations["region"].unique()), "no observations for this region")
    if "indicator" not in q:
        return None
    here = sorted(observations.loc[observations["region"] == q["region"], "indicator"].unique())
    check_name("indicator", q["indicator"], here, f"no observations for {q['region']!r}")
    if "target" in q:
        row = plan_row(targets, q["region"], q["indicator"], q["target"])
        if row is None and "target_value" in q and q["target_value"] is None:
            fail("target_value", None, f"there is no plan target for {q['indicator']!r} in {q['region']!r}: give a level")
    selection = series_of(q, observations)  # refused where nothing comparable was published by as_of
    series = selection.series
    if len(series) < MIN_POINTS:
        fail("indicator", q["indicator"], f"{len(series)} observation(s) for {q['region']!r} ({', '.join(map(str, series.index))}); "
                                          f"a forecast needs at least {MIN_POINTS} years")
    last = int(series.index[-1])
    for key in ("target_year", "end_year"):
        year = q.get(key)
        if year is None:
            continue
        if key == "target_year" and year < last:
            fail(key, year, f"before the last observation of {q['indicator']!r} for {q['region']!r} ({last}); "
                            f"choose {last} to {last + MAX_YEARS_AHEAD}")
        if year > last + MAX_YEARS_AHEAD:
            fail(key, year, f"more than {MAX_YEARS_AHEAD} years past the last observation ({last}); "
                            f"choose at most {last + MAX_YEARS_AHEAD}")
    if q.get("scenario") == "target_path" and q.get("target_year") == last:
        fail("scenario", q["scenario"], f"the target year {last} is observed: there is no path to it")
    return selection
