"""The model registry: names to classes.

Model modules register their classes with :func:`register`; the registry imports no model,
so any model (a fallback, a combination's members) can look another up by name without an
import cycle.  ``auto`` is not a registered class: :func:`sjzforecast.models.resolve_model`
resolves it.
"""
from __future__ import annotations

from ..errors import SjzforecastError, did_you_mean

#: Name -> model class, in the order the model modules are imported (see ``models/__init__``).
MODELS: dict[str, type] = {}


def register(cls: type) -> type:
    """Class decorator: add ``cls`` to :data:`MODELS` under ``cls.name``."""
    MODELS[cls.name] = cls
    return cls


def get_model(name: str) -> type:
    """The model class registered under ``name``.

    Raises
    ------
    SjzforecastError
        ``No model named 'x' (did you mean ...); known: [...]``.
    """
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        raise SjzforecastError(f"No model named {name!r}{did_you_mean(name, [*MODELS, 'auto'])}; "
                               f"known: {sorted(MODELS) + ['auto']}") from None
