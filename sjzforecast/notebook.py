"""What the briefing and dashboard notebooks show between their charts, in the run's language.

A notebook's headings and prose are Markdown displayed by :func:`heading` from
:data:`~sjzforecast.i18n.TRANSLATIONS` (the words of the HTML pages where they are the same), so
that an executed notebook reads in one language, as its page does.  The ``*_table`` functions are
the tables a reader meets, with columns and values named in ``language``; they show an
:class:`~sjzforecast.answer.Answer` or a :class:`~sjzforecast.dashboard.Dashboard` and compute
nothing of their own.
"""
from __future__ import annotations

import pandas as pd

from .briefing import assessment_rows, forecast_table as forecast_frame, scenario_rows, source_text
from .dashboard import (SHOWN_COLUMNS, display_labels, display_table, shown_numbers, shown_track_record,
                        shown_variants)
from .formats import format_value, unit_label
from .i18n import category_label, indicator_label, method_name, t, variant_label, yes_no
from .render import column_label


def heading(key: str, language: str, level: int = 2, text: str | None = None, **fields) -> None:
    """Display the label ``key`` as a Markdown heading of ``level``, with the paragraph ``text`` (a key) below it.

    ``fields`` fill both (:func:`~sjzforecast.i18n.t`).
    """
    from IPython.display import Markdown, display

    lines = [f"{'#' * level} {t(key, language, **fields)}"]
    if text:
        lines.append(t(text, language, **fields))
    display(Markdown("\n\n".join(lines)))


def level_text(result, language: str):
    """How the pages show a level of ``result`` in a table whose heading names the unit: its unit's precision."""
    return lambda x: format_value(x, result.unit, language, result.decimals, with_unit=False)


def forecast_table(result, language: str) -> pd.DataFrame:
    """The forecast (median and interval bounds by year), each column named as on the page, with its unit; the
    years that ended without a figure in the data marked as nowcasts, as the page marks them."""
    unit = unit_label(result.unit, language)
    frame = forecast_frame(result).map(level_text(result, language))
    nowcasts = result.nowcast_years()
    years = [f"{y} {t('nowcast_label', language)}" if y in nowcasts else str(y) for y in frame.index]
    return (frame.set_axis(years).rename(columns=lambda c: f"{column_label(c, language)} ({unit})")
            .rename_axis(t("year", language)))


def scenario_table(result, language: str) -> pd.DataFrame:
    """Every scenario (the asked one first, with what defines it) in the target year and the last outlook
    year, and whether it meets the target: the page's scenario table."""
    scenarios, level = scenario_rows(result, language), level_text(result, language)
    rows = scenarios["rows"]
    frame = pd.DataFrame([[level(v) for v in r["values"]] for r in rows], columns=scenarios["years"],
                         index=[r["label"] + r["assumption"] for r in rows])
    frame[f"{t('meets_target', language)} ({result.target.year})"] = [yes_no(r["meets_target"], language)
                                                                     for r in rows]
    return frame.rename_axis(f"{t('scenario', language)} ({unit_label(result.unit, language)})")


def assessment_table(result, language: str) -> pd.DataFrame:
    """The category of every progress method, the method's own wording and its basis: the page's table."""
    rows = assessment_rows(result, language)
    return pd.DataFrame({t("category", language): [r["category_label"] for r in rows],
                         t("method_label", language): [r["label_text"] for r in rows],
                         t("reason", language): [r["reason"] for r in rows]},
                        index=pd.Index([method_name(r["method"], language) for r in rows], name=t("method", language)))


def dashboard_table(board, language: str) -> pd.DataFrame:
    """The dashboard's reading table (:func:`~sjzforecast.dashboard.display_table`) with its numbers shown as
    the page shows them, from the same strings (:func:`~sjzforecast.dashboard.shown_numbers`): each in its
    unit, so that the columns name none.  ``display_table`` keeps the numbers for computing."""
    frame, shown = display_table(board, language), shown_numbers(board, language)
    labels, plain = display_labels(board, language), display_labels(board, language, units=False)
    for column in SHOWN_COLUMNS:
        frame[labels[column]] = shown[column].to_numpy()
    return frame.drop(columns=labels["unit"]).rename(columns={labels[c]: plain[c] for c in SHOWN_COLUMNS})


def variant_table(board, language: str) -> pd.DataFrame:
    """Targets with conflicting sources: per method, the category on every variant of the series,
    whether it changes, and the range of P(meet) in percent (the page's table)."""
    summary = board.variant_summary()
    names = board.table.set_index("target_id")["name_zh" if language == "zh" else "name_en"]
    units = board.table.set_index("target_id")["unit"]
    categories = [t("semicolon", language).join(f"{variant_label(variant, language, units.get(target_id))}"
                                                f"{t('colon', language)}{category_label(category, language)}"
                                                for variant, category in row.items())
                  for target_id, row in zip(summary["target_id"], summary["categories"])]
    return pd.DataFrame({
        t("target", language): [names.get(target_id, target_id) for target_id in summary["target_id"]],
        t("method", language): [method_name(m, language) for m in summary["method"]],
        t("category", language): categories,
        t("variant_changes", language): [yes_no(changes, language) for changes in summary["category_changes"]],
        t("probability_of_meeting", language): shown_variants(board),
    }).set_index(t("target", language))


def track_record_table(board, language: str) -> pd.DataFrame:
    """Earlier targets against their outcomes (:attr:`~sjzforecast.dashboard.Dashboard.track_record`), labelled
    and shown as on the page, from the same strings (:func:`~sjzforecast.dashboard.shown_track_record`); sources
    cited as on the page (:func:`~sjzforecast.briefing.source_text`)."""
    record, shown = board.track_record, shown_track_record(board, language)
    plan = board.table.drop_duplicates("indicator").set_index("indicator")
    plan_names = plan["name_zh" if language == "zh" else "name_en"]
    return pd.DataFrame({
        t("indicator", language): [plan_names.get(i) or indicator_label(i, language) for i in record["indicator"]],
        t("year", language): record["year"],
        t("target", language): shown["target"],
        t("outcome", language): shown["outcome"],
        t("met", language): [yes_no(met, language) for met in record["met"]],
        t("gap", language): shown["gap"],
        t("source", language): [source_text(url, language) for url in record["source_url"]],
    }).set_index(t("indicator", language))
