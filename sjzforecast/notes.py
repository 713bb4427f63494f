"""The data file's notes (its ``derived`` column) as a page in Chinese or English shows them.

A note is free text of the data compilers, in English (``data/README.md``): a kind, ``derived:``
(arithmetic on quoted numbers, ``derived: 2.13-0.30``) or ``note:`` (a caveat, ``note: TARGET, not
actual``), then the text.  Pages speak one language, so

* a Chinese page names the kind in Chinese (推算, 备注) and shows the text in Chinese from the
  shipped table :data:`NOTE_TRANSLATIONS` (``data/note-translations.csv``, read by
  :func:`load_note_translations`); a formula (no Latin letters) is shown as it is;
* an English page shows the note as written;
* a note in the other language than the page's, and not translated (a note of your own data file,
  or one added since the table was written), is shown as the data file's text, labelled as such
  (``备注（数据文件原文，英文）：``, ``note (the data file's text, in Chinese):``) and marked with its
  language (:attr:`ShownNote.lang`); :func:`log_untranslated` logs which notes those were.
"""
from __future__ import annotations

import csv
import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import SjzforecastError
from .i18n import HAN_CHARACTER, check_language, t

logger = logging.getLogger(__name__)

#: The Chinese text of every English note of the shipped data files (``note,zh``; ``#`` comment lines first).
NOTE_TRANSLATIONS = paths.DATA_DIR / "note-translations.csv"
#: Columns of :data:`NOTE_TRANSLATIONS`: the note as in the data file, the Chinese text after its kind.
TRANSLATION_COLUMNS = ("note", "zh")
#: Kinds of a note (its prefix, see data/README.md): key ``derivation_<kind>`` of :data:`~sjzforecast.i18n.TRANSLATIONS`.
NOTE_KINDS = ("derived", "note")

_LATIN = re.compile(r"[A-Za-z]")


def note_parts(note: str) -> tuple[str, str]:
    """A note as (its kind, its text): ``("derived", "2.13-0.30")``; ``("", note)`` without a known kind."""
    note = str(note or "").strip()
    kind, colon, rest = note.partition(":")
    if not colon or kind.strip() not in NOTE_KINDS:
        return "", note
    return kind.strip(), rest.strip()


def written_language(text: str) -> str | None:
    """The language a note's text is written in: ``en`` with Latin letters, else ``zh`` with Chinese
    characters, else None (a formula such as ``2.13-0.30`` reads the same in both)."""
    if _LATIN.search(text):
        return "en"
    return "zh" if HAN_CHARACTER.search(text) else None


@functools.lru_cache(maxsize=4)
def load_note_translations(path: str | Path = NOTE_TRANSLATIONS) -> dict[str, str]:
    """The table of Chinese notes: ``{note as in the data file: Chinese text after its kind}``.

    Raises
    ------
    SjzforecastError
        The file cannot be read, its header is not :data:`TRANSLATION_COLUMNS`, or a row has an
        empty cell, a wrong number of cells or a note given before; the message names the file and line.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SjzforecastError(f"{path}: cannot be read: {exc}") from exc
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    table: dict[str, str] = {}
    for number, row in enumerate(csv.reader(lines[start:]), start=start + 1):
        if number == start + 1:
            if tuple(row) != TRANSLATION_COLUMNS:
                raise SjzforecastError(f"{path}: line {number}: header {row} should be {list(TRANSLATION_COLUMNS)}")
            continue
        if len(row) != len(TRANSLATION_COLUMNS) or not all(cell.strip() for cell in row):
            raise SjzforecastError(f"{path}: line {number}: {row} should be two non-empty cells: "
                                   "the note as in the data file, its Chinese text")
        note, zh = (cell.strip() for cell in row)
        if note in table:
            raise SjzforecastError(f"{path}: line {number}: the note {note!r} is given twice")
        table[note] = zh
    return table


@dataclass(frozen=True)
class ShownNote:
    """A note as a page shows it: ``label`` (its kind, or that it is the data file's own text, in the
    page's language, with a colon), then ``text``; ``lang`` is the text's language where it is not the
    page's (an untranslated note), else None."""

    label: str
    text: str
    lang: str | None = None

    def __str__(self) -> str:
        return self.label + self.text


def shown_note(note: str, language: str, translations: dict[str, str] | None = None) -> ShownNote:
    """``note`` (a data row's ``derived`` cell) as a page in ``language`` shows it.

    Parameters
    ----------
    note : str
        The cell as in the data file (``"note: TARGET, not actual"``); empty for a direct reading.
    language : {"zh", "en"}
    translations : dict, optional
        ``{note: Chinese text}``; :func:`load_note_translations` by default.

    Examples
    --------
    >>> str(shown_note("note: TARGET, not actual", "zh"))
    '备注：目标值，非实际值'
    >>> str(shown_note("derived: 2.13-0.30", "zh"))
    '推算：2.13-0.30'
    >>> shown_note("note: as of Dec 2026", "zh", {})
    ShownNote(label='备注（数据文件原文，英文）：', text='as of Dec 2026', lang='en')
    >>> shown_note("note: TARGET, not actual", "en")
    ShownNote(label='', text='note: TARGET, not actual', lang=None)
    """
    check_language(language)
    note = str(note or "").strip()
    kind, text = note_parts(note)
    kind_name = t(f"derivation_{kind}", language) if kind else ""
    colon = t("colon", language)
    written_in = written_language(text)
    if language == "en" and written_in != "zh":
        return ShownNote("", note)
    if language == "zh":
        translated = text if written_in != "en" else (
            load_note_translations() if translations is None else translations).get(note)
        if translated is not None:
            return ShownNote(kind_name + colon if kind else "", translated)
    label = t("note_untranslated_kind", language, kind=kind_name) if kind else t("note_untranslated", language)
    return ShownNote(label + colon, text, written_in)


def untranslated(notes, language: str) -> list[str]:
    """The distinct ``notes`` a page in ``language`` shows as the data file's text in the other language."""
    return sorted({str(n) for n in notes if n and shown_note(n, language).lang})


def log_untranslated(notes, language: str, where: str) -> None:
    """Log at INFO which ``notes`` a page in ``language`` (``where``) shows untranslated."""
    missing = untranslated(notes, language)
    if missing:
        logger.info("%s: %d data-file note(s) shown untranslated (add them to %s): %s", where, len(missing),
                    NOTE_TRANSLATIONS.name, "; ".join(missing))
