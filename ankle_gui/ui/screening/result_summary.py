"""What the latest test means, per side, with the sources for every number."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from ankle_gui.core.assessment import (
    ANGLE_SOURCE,
    ASYMMETRY_HEALTHY_SOURCE,
    ASYMMETRY_SOURCE,
    CUTOFF_SOURCE,
    EXCELLENT_ABOVE_CM,
    MDC_SOURCE,
    NORMAL_LOW_CM,
    NORMATIVE_SOURCE,
        Category,
    Change,
)
from ankle_gui.core.clinician_advice import ClinicianAdvice
from ankle_gui.core.clock import local_display
from ankle_gui.core.red_flags import Finding
from ankle_gui.core.referral import REFERRAL_SOURCE
from ankle_gui.core.screening import FIST_SOURCE, LIMIT_SOURCE, SQUAT_SOURCE, felt_words
from ankle_gui.core.side_report import SideReport, asymmetry_advice, normal_range_text
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


def _distance_cell(r: SideReport, unit: Unit) -> str:
    if r.value_cm is None:
        return _cell("<span style='font-size:15pt'>Not tested</span><br>"
                     "<span style='color:#475467'>see the safety note above</span>", bold=True)
    angle = r.angle_change_text()
    return _cell(f"<span style='font-size:17pt'>{escape(format_length(r.value_cm, unit))}"
                 "</span>" + (f"<br><span style='color:#475467'>{escape(angle)}</span>"
                              if angle else ""), bold=True)


def _result_cell(r: SideReport) -> str:
    if r.category is None:
        return _cell("—", "#475467")
    decision = r.the_decision
    border = " · borderline" if decision.borderline else ""
    return _cell(f"{CATEGORY_MARKS[r.category]} {r.category.label}{border}",
                 CATEGORY_COLOURS[r.category], bold=True)


def _fist_cell(r: SideReport) -> str:
    passed = r.screening.fist_passed
    if passed is None:
        return _cell("—", "#475467")
    return _cell("✓ Pass" if passed else "✗ Fail", OK_COLOUR if passed else WARN_COLOUR,
                 bold=True)


def _side_rows(reports: list[SideReport], unit: Unit) -> str:
    rows: list[tuple[str, list[str]]] = []
    rows.append(("Knee-to-wall", [_distance_cell(r, unit) for r in reports]))
    rows.append(("Result", [_result_cell(r) for r in reports]))
    rows.append(("Fist screen", [_fist_cell(r) for r in reports]))
    # Which rule decided the plan for this side, and why (borderline, or a fist pass under
    # the 4-inch mark, is said here in words).
    rows.append(("What decides the plan", [
        _cell(escape(r.the_decision.reason)) for r in reports]))
    rows.append(("Where it stops", [
        _cell(escape(felt_words(r.screening.felt_straight, r.screening.felt_bent))
              + f"<br><b>→ {escape(r.screening.limit.label)}</b>") if r.tested
        else _cell("—", "#475467") for r in reports]))
    rows.append(("Healthy adults", [
        _cell(f"{escape(r.standing)}<br><span style='color:#475467'>"
              f"{escape(normal_range_text(r.side, unit))}</span>") if r.tested
        else _cell("—", "#475467") for r in reports]))
    rows.append(("How these fit", [
        _cell(escape(r.how_the_checks_fit(unit))) for r in reports]))
    rows.append(("Since last test", [
        _cell(escape(r.change_text(unit)),
              CHANGE_COLOURS[r.change] if r.change else "#475467", bold=r.change is not None)
        for r in reports]))
    rows.append(("How it was measured", [
        _cell(f"<span style='color:#475467'>{escape(r.measured_text(unit))}</span>")
        if r.tested else _cell("—", "#475467") for r in reports]))
    head = "".join(
        f"<th style='padding:5px 10px; text-align:left; color:{side_colour(r.side)};"
        f" font-size:15pt'>{r.side.label}</th>" for r in reports)
    body = "".join(
        f"<tr><td style='padding:5px 10px; color:#475467'>{name}</td>{''.join(cells)}</tr>"
        for name, cells in rows)
    return (f"<table cellspacing='0' width='100%' style='border-collapse:collapse'>"
            f"<tr><th></th>{head}</tr>{body}</table>")


def _asymmetry_html(reports: list[SideReport], unit: Unit) -> str:
    text, flagged = asymmetry_advice(reports, unit)
    bold, _, rest = text.partition(". ")
    colour = f" style='color:{WARN_COLOUR}'" if flagged else ""
    return f"<p{colour}><b>{escape(bold)}.</b> {escape(rest)}</p>"


def advice_html(advice: ClinicianAdvice) -> str:
    """The "see a clinician" box: its heading, then each reason in plain words."""
    colour = ERROR_COLOUR if advice.urgent else WARN_COLOUR
    lines = "".join(f"<p>{escape(line)}</p>" for line in advice.lines)
    return (f"<div style='background:#fff4e5; border:1px solid {colour}; padding:8px'>"
            f"<p style='color:{colour}; font-size:14pt'><b>{escape(advice.heading)}</b></p>"
            f"{lines}</div>")


def summary_html(reports: list[SideReport], squat_heels_down: bool | None,
                 advice: ClinicianAdvice | None, unit: Unit, taken_at: str,
                 cautions: list[Finding] | None = None) -> str:
    parts = [f"<p style='color:#475467'>Test of {escape(local_display(taken_at))}</p>"]
    if advice is not None:
        parts.append(advice_html(advice))
    for caution in cautions or []:
        parts.append(f"<p><b>{escape(caution.title)}:</b> {escape(caution.advice)}</p>")
    parts.append(_side_rows(reports, unit))
    parts.append(_asymmetry_html(reports, unit))
    if squat_heels_down is None:
        parts.append("<p><b>Squat:</b> not done today, as the safety check asks.</p>")
    else:
        parts.append("<p><b>Squat:</b> " + (
            "both heels stay down in a deep squat.</p>" if squat_heels_down else
            "the heels lift in a deep squat, a common sign that the ankles do not bend "
            "far enough.</p>"))
    parts.append(
        "<p style='color:#475467'>How to read this: under "
        f"{_both(NORMAL_LOW_CM, unit)} is restricted, up to {_both(EXCELLENT_ABOVE_CM, unit)} "
        "is normal, more is excellent. A change between tests smaller than the margin of "
        "error shown for each side might be real or just a slightly different measurement. "
        "A result closer to a cut-off than that margin is borderline: the plan of your last "
        "test stays. Degrees are a rough conversion of a change, not a measurement.</p>")
    sources = [("Cut-offs", CUTOFF_SOURCE), ("Fist screen", FIST_SOURCE),
               ("Where it stops", LIMIT_SOURCE), ("Squat", SQUAT_SOURCE),
               ("Healthy adults", NORMATIVE_SOURCE), ("Margin for a clinician", MDC_SOURCE),
               ("Margin for measuring yourself", "the app's own cautious choice"),
               ("Difference between sides", ASYMMETRY_SOURCE),
               ("Difference in healthy adults", ASYMMETRY_HEALTHY_SOURCE),
               ("Degrees", ANGLE_SOURCE), ("When to see a clinician", REFERRAL_SOURCE)]
    if advice is not None:
        sources += [("Safety and pain", src) for src in advice.sources]
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

    def show_results(self, reports: list[SideReport], squat_heels_down: bool | None,
                     advice: ClinicianAdvice | None, unit: Unit, taken_at: str,
                     cautions: list[Finding] | None = None) -> None:
        self.setHtml(summary_html(reports, squat_heels_down, advice, unit, taken_at, cautions))
