"""What the latest test means, per side, with the sources for every number."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from ankle_gui.core.assessment import (
    ANGLE_SOURCE,
    ASYMMETRY_FLAG_CM,
    ASYMMETRY_SOURCE,
    CUTOFF_SOURCE,
    EXCELLENT_ABOVE_CM,
    MDC_SOURCE,
    NORMAL_LOW_CM,
    NORMATIVE_SOURCE,
    SELF_MDC_CM,
    Category,
    Change,
    asymmetry,
)
from ankle_gui.core.clock import local_display
from ankle_gui.core.referral import REFERRAL_SOURCE, StalledSide, referral_text
from ankle_gui.core.screening import FIST_SOURCE, LIMIT_SOURCE, SQUAT_SOURCE, felt_words
from ankle_gui.core.side_report import SideReport, normal_range_text
from ankle_gui.core.units import Unit, format_length
from ankle_gui.ui.common.style import ERROR_COLOUR, OK_COLOUR, WARN_COLOUR, side_colour

CATEGORY_COLOURS = {Category.RESTRICTED: WARN_COLOUR, Category.NORMAL: OK_COLOUR,
                    Category.EXCELLENT: OK_COLOUR}
CATEGORY_MARKS = {Category.RESTRICTED: "▼", Category.NORMAL: "●", Category.EXCELLENT: "▲"}
CHANGE_COLOURS = {Change.IMPROVED: OK_COLOUR, Change.WITHIN_ERROR: "#475467",
                  Change.WORSE: ERROR_COLOUR}


def _both(value_cm: float, unit: Unit) -> str:
    other = Unit.INCH if unit is Unit.CM else Unit.CM
    return f"{format_length(value_cm, unit)} ({format_length(value_cm, other)})"


def _cell(text: str, colour: str | None = None, bold: bool = False) -> str:
    style = (f"color:{colour};" if colour else "") + ("font-weight:600;" if bold else "")
    return f"<td style='padding:5px 10px; {style}'>{text}</td>"


def _side_rows(reports: list[SideReport], unit: Unit) -> str:
    rows: list[tuple[str, list[str]]] = []
    rows.append(("Knee-to-wall", [
        _cell(f"<span style='font-size:17pt'>{escape(format_length(r.value_cm, unit))}</span>"
              f"<br><span style='color:#475467'>≈ {r.angle_deg:.0f}° ankle angle "
              "(estimate)</span>", bold=True) for r in reports]))
    rows.append(("Result", [
        _cell(f"{CATEGORY_MARKS[r.category]} {r.category.label}", CATEGORY_COLOURS[r.category],
              bold=True) for r in reports]))
    rows.append(("Fist screen", [
        _cell("✓ Pass" if r.screening.fist_passed else "✗ Fail",
              OK_COLOUR if r.screening.fist_passed else WARN_COLOUR, bold=True)
        for r in reports]))
    rows.append(("Where it stops", [
        _cell(escape(felt_words(r.screening.felt_straight, r.screening.felt_bent))
              + f"<br><b>→ {escape(r.screening.limit.label)}</b>") for r in reports]))
    rows.append(("Healthy adults", [
        _cell(f"{escape(r.standing)}<br><span style='color:#475467'>"
              f"{escape(normal_range_text(r.side, unit))}</span>") for r in reports]))
    rows.append(("How these fit", [
        _cell(escape(r.how_the_checks_fit(unit))) for r in reports]))
    rows.append(("Since last test", [
        _cell(escape(r.change_text(unit)),
              CHANGE_COLOURS[r.change] if r.change else "#475467", bold=r.change is not None)
        for r in reports]))
    head = "".join(
        f"<th style='padding:5px 10px; text-align:left; color:{side_colour(r.side)};"
        f" font-size:15pt'>{r.side.label}</th>" for r in reports)
    body = "".join(
        f"<tr><td style='padding:5px 10px; color:#475467'>{name}</td>{''.join(cells)}</tr>"
        for name, cells in rows)
    return (f"<table cellspacing='0' width='100%' style='border-collapse:collapse'>"
            f"<tr><th></th>{head}</tr>{body}</table>")


def _asymmetry_text(reports: list[SideReport], unit: Unit) -> str:
    left, right = reports[0].value_cm, reports[1].value_cm
    a = asymmetry(left, right)
    flag = format_length(ASYMMETRY_FLAG_CM, unit)
    gap = format_length(abs(a.difference_cm), unit)
    if a.flagged:
        tighter = a.tighter_side
        return (f"<p style='color:{WARN_COLOUR}'><b>Difference between sides: the {tighter} "
                f"ankle reaches {gap} less.</b> A gap of {flag} or more is bigger than "
                "measurement error, so it is worth evening out.</p>")
    return (f"<p><b>Difference between sides: {gap}.</b> Under {flag}, so no real "
            "difference.</p>")


def summary_html(reports: list[SideReport], squat_heels_down: bool, stalled: list[StalledSide],
                 unit: Unit, taken_at: str) -> str:
    parts = [f"<p style='color:#475467'>Test of {escape(local_display(taken_at))}</p>"]
    if stalled:
        advice = "".join(f"<p>{escape(referral_text(s, unit))}</p>" for s in stalled)
        parts.append(
            f"<div style='background:#fff4e5; border:1px solid {WARN_COLOUR}; padding:8px'>"
            f"<p style='color:{WARN_COLOUR}; font-size:14pt'><b>Time to see a clinician</b></p>"
            f"{advice}</div>")
    parts.append(_side_rows(reports, unit))
    parts.append(_asymmetry_text(reports, unit))
    parts.append("<p><b>Squat:</b> " + (
        "both heels stay down in a deep squat.</p>" if squat_heels_down else
        "the heels lift in a deep squat, a common sign that the ankles do not bend "
        "far enough.</p>"))
    parts.append(
        "<p style='color:#475467'>How to read this: under "
        f"{_both(NORMAL_LOW_CM, unit)} is restricted, up to {_both(EXCELLENT_ABOVE_CM, unit)} "
        "is normal, more is excellent. A change smaller than "
        f"{format_length(SELF_MDC_CM, unit)} between tests is within measurement error: it "
        "might be a real change or just a slightly different measurement. "
        "The angle is a rough conversion, not a measurement.</p>")
    sources = [("Cut-offs", CUTOFF_SOURCE), ("Fist screen", FIST_SOURCE),
               ("Where it stops", LIMIT_SOURCE), ("Squat", SQUAT_SOURCE),
               ("Healthy adults", NORMATIVE_SOURCE), ("Measurement error", MDC_SOURCE),
               ("Difference between sides", ASYMMETRY_SOURCE), ("Angle", ANGLE_SOURCE),
               ("When to see a clinician", REFERRAL_SOURCE)]
    parts.append("<p style='color:#475467; font-size:10pt'><b>Sources.</b> " + " · ".join(
        f"{escape(src)} ({escape(', '.join(whats))})"
        for src, whats in sources_by_work(sources).items()) + "</p>")
    return "".join(parts)


def sources_by_work(sources: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Each work named once, with what the app takes from it (most works back several rules)."""
    works: dict[str, list[str]] = {}
    for what, cited in sources:
        for work in cited.split("; "):
            works.setdefault(work.strip(), []).append(what.lower())
    return works


class ResultSummary(QTextBrowser):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultSummary")
        self.setOpenLinks(False)
        self.setStyleSheet("QTextBrowser#resultSummary { border: none; background: white; }")

    def show_results(self, reports: list[SideReport], squat_heels_down: bool,
                     stalled: list[StalledSide], unit: Unit, taken_at: str) -> None:
        self.setHtml(summary_html(reports, squat_heels_down, stalled, unit, taken_at))
