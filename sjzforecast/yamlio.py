"""Strict YAML reading for params and targets files.

:class:`StrictLoader` is PyYAML's safe loader with two changes:

* dates stay strings (``2025-06-30`` is the text ``"2025-06-30"``, as papermill's
  ``NoDatesSafeLoader`` reads parameters), so a value means what it says in the file;
* a key given twice in one mapping is an error naming both lines, where PyYAML would keep
  the last value silently.

:func:`read_yaml` reads a file with it and turns every failure (bad encoding, bad YAML, a
duplicate key) into a :class:`~sjzforecast.errors.SjzforecastError` naming the file and line.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import SjzforecastError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping names one key twice; ``problem_mark`` is the second occurrence."""


class StrictLoader(yaml.SafeLoader):
    """Safe loader that keeps dates as strings and refuses duplicate keys."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        first_line = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                seen = first_line.get(key)
            except TypeError:  # unhashable key: the safe loader itself refuses it
                continue
            if seen is not None:
                raise DuplicateKeyError(
                    None, None, f"key {key!r} is given twice (lines {seen} and "
                    f"{key_node.start_mark.line + 1}); keep one", key_node.start_mark)
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


#: What usually causes a YAML syntax error, by PyYAML's wording of it.
SYNTAX_HINTS = {"mapping values are not allowed here": "; is the line indented more than the key above it, "
                                                       "or does a value hold ': ' (then quote it)?"}


def read_yaml(path: str | Path):
    """The document of a UTF-8 YAML file, read with :class:`StrictLoader` (``None`` if empty).

    Raises
    ------
    SjzforecastError
        The file is not UTF-8 text, not valid YAML, or gives a key twice; the message names
        the file and the line.
    FileNotFoundError
        No such file.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SjzforecastError(f"{path}: not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset "
                               f"{exc.start}); save the file as UTF-8") from None
    try:
        return yaml.load(text, Loader=StrictLoader)
    except DuplicateKeyError as exc:
        raise SjzforecastError(f"{path}, line {exc.problem_mark.line + 1}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        context, begun = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and begun is not None and mark is not None and begun.line != mark.line:
            problem += f" ({context} begun on line {begun.line + 1})"  # e.g. a '[' never closed
        problem += SYNTAX_HINTS.get(problem, "")
        raise SjzforecastError(f"{path}{where}: not valid YAML: {problem}") from None
