"""What a notebook hands to the HTML renderer: one JSON payload under one MIME type.

A notebook's last cell publishes a payload (:func:`publish`); the batch reads it back from the
executed notebook (:func:`read_payload`) and renders it with the template named by its
``kind`` (``briefing`` or ``dashboard``).  Keeping the numbers in the executed notebook makes
the notebook the record of the run and the HTML a view of it.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import nbformat

PAYLOAD_MIME = "application/vnd.sjzforecast.payload+json"
KINDS = ("briefing", "dashboard")


def jsonable(obj):
    """Plain JSON types: numpy scalars as Python numbers, NaN and inf as None."""
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, (str, bytes)):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return str(obj)


def publish(payload: dict, summary: str) -> None:
    """Display ``payload`` in the notebook (with ``summary`` as its plain-text view)."""
    from IPython.display import display

    if payload.get("kind") not in KINDS:
        raise ValueError(f"payload kind {payload.get('kind')!r}; valid: {list(KINDS)}")
    display({PAYLOAD_MIME: payload, "text/plain": summary}, raw=True)


def read_payload(notebook_path: str | Path) -> dict | None:
    """The payload published by an executed notebook, or None if it published none."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PAYLOAD_MIME in data:
                payload = data[PAYLOAD_MIME]
                return json.loads(payload) if isinstance(payload, str) else dict(payload)
    return None
