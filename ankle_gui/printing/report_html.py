"""The one-page progress report as HTML for a QTextDocument (no Qt needed here).

Plain black on white, tables with rules; the charts' colours come with shapes and dashes:
it must read the same on a laser printer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from html import escape

from ankle_gui.core.assessment import (
    ASYMMETRY_FLAG_CM,
    ASYMMETRY_SOURCE,
    CLINICIAN_MDC_CM,
    EXCELLENT_ABOVE_CM,
    NORMAL_LOW_CM,
    NORMATIVE_CM,
    SELF_MARGIN_CM,
)
from ankle_gui.core.clock import local_display
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.progress_series import Measure, SideSummary
from ankle_gui.core.records import ANKLES, BOTH_TOGETHER, EACH_IN_TURN, Side
from ankle_gui.core.session_pain import pain_words, rating_text
from ankle_gui.core.units import Unit, format_length
from ankle_gui.services.reports import ReportContent

# Nothing on paper is smaller than this (the chart's text is sized to match, see
# chart_frame.py).
MIN_PT = 8.0
# Where the page keeps room for the charts (report.py paints them there).
CHART_URL = "chart.png"


@dataclass(frozen=True)
class ReportFit:
    """How much goes on the page; shrunk step by step until it fits on one. The table of
    test days then grows into whatever room is left (``with_rows``)."""

    chart_height_ratio: float = 0.36
    recent_rows: int = 6
    plan_rows: int = 6
    note_chars: int = 70
    font_pt: float = 9.0

    def with_rows(self, rows: int) -> ReportFit:
        return replace(self, recent_rows=rows)

    @property
    def small_pt(self) -> float:
        return max(MIN_PT, self.font_pt - 0.5)


FITS = (
    ReportFit(),
    ReportFit(chart_height_ratio=0.32, recent_rows=4, plan_rows=6, note_chars=60),
    # The demo's page: 1 mm less chart pays for the space under the test days' table, so
    # six of them still fit.
    ReportFit(chart_height_ratio=0.29, recent_rows=3, plan_rows=5, note_chars=50, font_pt=8.5),
    ReportFit(chart_height_ratio=0.26, recent_rows=2, plan_rows=4, note_chars=40, font_pt=8.5),
    ReportFit(chart_height_ratio=0.24, recent_rows=0, plan_rows=3, note_chars=30, font_pt=8.0),
    ReportFit(chart_height_ratio=0.20, recent_rows=0, plan_rows=2, note_chars=0, font_pt=8.0),
)


def figure_url(drill_id: str, side: str) -> str:
    """The document resource that holds a planned drill's start and end poses."""
    return f"figure-{drill_id}-{side}.png"


def _day(t: float) -> str:
    return local_display(datetime.fromtimestamp(t, UTC), with_time=False)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if limit <= 0:
        return ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def dose_words(dose: Mapping[str, int]) -> str:
    parts = []
    if "reps" in dose:
        parts.append(f"{dose.get('rounds', 1)} \u00d7 {dose['reps']} reps")
    elif "per_direction" in dose:
        parts.append(f"{dose.get('rounds', 1)} \u00d7 {dose['per_direction']} per direction")
    elif "work_s" in dose:
        parts.append(f"{dose.get('rounds', 1)} \u00d7 {dose['work_s']} s")
    elif "hold_s" in dose:
        parts.append(f"{dose.get('rounds', 1)} \u00d7 ({dose.get('oscillation_s', 0)} s "
                     f"oscillations + {dose['hold_s']} s hold)")
    if "rep_hold_s" in dose:
        parts.append(f"hold {dose['rep_hold_s']} s")
    if "rest_s" in dose:
        parts.append(f"rest {dose['rest_s']} s")
    if dose.get("add_kg"):
        parts.append(f"add {dose['add_kg']} kg each round")
    return ", ".join(parts)


def _side_cells(s: SideSummary, unit: Unit) -> str:
    def value(m: Measure | None) -> str:
        if m is None:
            return "\u2014"
        return f"{format_length(m.value_cm, unit)}<br/><span class='small'>{_day(m.t)}</span>"

    if s.delta_cm is None:
        change = "\u2014"
        verdict = "one result so far" if s.count == 1 else "no results"
    else:
        change = ("+" if s.delta_cm > 0 else "") + format_length(s.delta_cm, unit)
        verdict = s.verdict.label if s.verdict is not None else "\u2014"
    return (f"<td>{value(s.first)}</td><td>{value(s.latest)}</td><td>{value(s.best)}</td>"
            f"<td align='right'><b>{escape(change)}</b></td><td>{escape(verdict)}</td>"
            f"<td align='right'>{s.count}</td>")


def _asymmetry_text(content: ReportContent) -> str:
    point = content.view.latest_asymmetry
    unit = content.unit
    if point is None:
        return "Left\u2013right gap: needs both sides measured on the same day."
    gap = format_length(point.difference_cm, unit)
    tighter = "left" if point.left_cm < point.right_cm else "right"
    flag = format_length(ASYMMETRY_FLAG_CM, unit)
    if point.flagged:
        judged = f"at or over the {flag} flag; the {tighter} side is the tighter one"
    else:
        judged = f"under the {flag} flag"
    return f"Left\u2013right gap at the latest test ({_day(point.t)}): <b>{gap}</b>, {judged}."


def _recent_table(content: ReportContent, fit: ReportFit) -> str:
    if fit.recent_rows <= 0 or not content.recent:
        return ""
    rows = content.recent[-fit.recent_rows:]
    unit = content.unit
    body = []
    for t, left, right in reversed(rows):
        gap = "\u2014"
        if left is not None and right is not None:
            gap = format_length(abs(left.value_cm - right.value_cm), unit)
        notes = "; ".join(m.note for m in (left, right) if m is not None and m.note)
        body.append(
            f"<tr><td>{_day(t)}</td>"
            f"<td align='right'>{format_length(left.value_cm, unit) if left else '—'}</td>"
            f"<td align='right'>{format_length(right.value_cm, unit) if right else '—'}</td>"
            f"<td align='right'>{gap}</td><td>{escape(_short(notes, fit.note_chars))}</td></tr>")
    total = len(content.recent)
    caption = (f"Latest {len(rows)} of {total} test days" if total > len(rows)
               else f"All {total} test day{'s' if total != 1 else ''}")
    return (f"<h3>Recent tests <span class='small'>({caption})</span></h3>"
            # A heading after a table gets no margin of its own: the table keeps the room.
            "<table width='100%' cellspacing='0' cellpadding='3' border='1' "
            "style='margin-bottom: 12px'>"
            "<tr><th align='left'>Date</th><th align='right'>Left</th><th align='right'>Right"
            "</th><th align='right'>Gap</th><th align='left'>Note</th></tr>"
            + "".join(body) + "</table>")


# The latest sessions listed with their ratings (one short line of the page each few).
PAIN_SESSIONS = 6


def _pain_words(content: ReportContent) -> str:
    """Pain and effort after the period's sessions, said after the sessions done: the
    summary, then the latest rated sessions newest first, "not rated" where none was given."""
    sessions = content.sessions
    words = escape(pain_words(sessions))
    if not any(s.pain is not None or s.effort is not None for s in sessions):
        return words
    shown = sessions[-PAIN_SESSIONS:][::-1]
    listed = "; ".join(
        f"{s.day}: pain {rating_text(s.pain)}, effort {rating_text(s.effort)}" for s in shown)
    return (f"{words}<br/><span class='small'>Latest {len(shown)} of {len(sessions)} "
            f"(0\u201310): {escape(listed)}.</span>")


def _plan_cell(content: ReportContent, item: PlanItem, figure_size: tuple[int, int]) -> str:
    """One planned drill: its start and end poses, then its name, and its side and dose."""
    name = content.plan_names.get(item.drill_id, item.drill_id.replace("_", " "))
    if item.sides is Side.BOTH:
        side = (BOTH_TOGETHER if item.drill_id in content.plan_together else EACH_IN_TURN).lower()
    else:
        side = item.sides.value
    figure = ""
    if item.drill_id in content.plan_poses:
        figure = (f"<img src='{figure_url(item.drill_id, item.sides.value)}' "
                  f"width='{figure_size[0]}' height='{figure_size[1]}'/>")
    return (f"<td width='{figure_size[0]}'>{figure}</td>"
            f"<td valign='middle' width='40%'>{escape(name)}<br/>"
            f"<span class='small'>{side} \u00b7 {escape(dose_words(item.dose))}</span></td>")


def _plan_section(content: ReportContent, fit: ReportFit, figure_size: tuple[int, int]) -> str:
    kept = f"{escape(content.view.adherence_words)} {_pain_words(content)}"
    if not content.plan:
        return f"<h3>Current plan</h3><p>No plan saved yet. {kept}</p>"
    per_week = (f", {content.sessions_per_week} sessions a week"
                if content.sessions_per_week else "")
    items = content.plan[: fit.plan_rows]
    cells = [_plan_cell(content, item, figure_size) for item in items]
    more = len(content.plan) - len(items)
    if more > 0:
        cells.append(f"<td></td><td valign='middle'><i>and {more} more drill"
                     f"{'s' if more > 1 else ''}</i></td>")
    # Two drills a line: the figures then cost the page no more height than a line each.
    lines = []
    for i in range(0, len(cells), 2):
        pair = cells[i:i + 2] + ["<td></td><td></td>"] * (2 - len(cells[i:i + 2]))
        lines.append("<tr>" + "".join(pair) + "</tr>")
    return (f"<h3>Current plan <span class='small'>({len(content.plan)} drill"
            f"{'s' if len(content.plan) != 1 else ''}{per_week})</span></h3>"
            "<table width='100%' cellspacing='0' cellpadding='2'>" + "".join(lines) + "</table>"
            f"<p>{kept}</p>")


def _short_source(cited: str) -> str:
    """'Jonsson et al. 2008, insertional Achilles …' → 'Jonsson et al. 2008'."""
    return cited.split(",")[0].split(" (")[0].strip()


def advice_section(content: ReportContent) -> str:
    """The Test page's "see a clinician" on paper, framed so it is read first."""
    advice = content.advice
    if advice is None:
        return ""
    # Small type, so the page keeps its chart: the words are the Test page's, in full.
    lines = "".join(f"<br/>\u2022 {escape(line)}" for line in advice.lines)
    works = [_short_source(w) for src in advice.sources for w in src.split(";")]
    # The works themselves (a year or an author), not the app's notes on its own choices.
    sources = escape("; ".join(dict.fromkeys(
        w for w in works if re.search(r"\d{4}|Risher|Rusin|\u201c", w))))
    return ("<table width='100%' border='1' cellspacing='0' cellpadding='4' "
            "style='margin-top: 6px; margin-bottom: 6px'><tr><td>"
            f"<b>Safety and referral: {escape(advice.heading)}</b><span class='small'>{lines}"
            f"<br/>Sources: {sources}.</span></td></tr></table>")


def _explanation(content: ReportContent) -> str:
    unit = content.unit
    mean, sd = NORMATIVE_CM["left"]
    return (
        "<h3>How to read these numbers</h3><p class='small'>"
        "The training "
        f"sources call {format_length(NORMAL_LOW_CM, unit)} to "
        f"{format_length(EXCELLENT_ABOVE_CM, unit)} normal, more better still, less a "
        "restriction (Risher; \u201cImprove your Ankle Mobility\u201d); healthy young men "
        f"vary more, {format_length(mean, unit)} \u00b1 {format_length(sd, unit)} (Calatayud "
        "et al. 2015). A change counts only beyond its margin of error: "
        f"{format_length(CLINICIAN_MDC_CM, unit)} when a clinician measures (Powden et al. "
        f"2015), {format_length(SELF_MARGIN_CM, unit)} measuring yourself (the app's cautious "
        "figure), plus any step size. Gap flag: "
        f"{format_length(ASYMMETRY_FLAG_CM, unit)} ({escape(ASYMMETRY_SOURCE)}). First, latest "
        "and best use tests taken before training. Not a diagnosis.</p>")


def report_html(content: ReportContent, fit: ReportFit, chart_width: int,
                chart_height: int, chart_url: str | None,
                figure_size: tuple[int, int] = (0, 0)) -> str:
    """The page as HTML; images are sized in 96-dpi pixels, the figures' at ``figure_size``."""
    view, unit = content.view, content.unit
    period = f"{_day(view.start)} to {_day(view.end)}"
    heading = (
        f"<h1>Ankle mobility progress</h1>"
        f"<p><b>{escape(content.profile_name)}</b><br/>"
        f"Period: {period} &nbsp;\u00b7&nbsp; Units: {unit.label} &nbsp;\u00b7&nbsp; "
        f"Printed {local_display(content.printed_at)}</p>")
    if view.empty:
        chart = ("<p class='empty'><b>No knee-to-wall results in this period.</b> Measure both "
                 "ankles on the Test page, then print again.</p>")
    else:
        chart = (f"<p><img src='{chart_url}' width='{chart_width}' height='{chart_height}'/>"
                 "</p>" if chart_url else "")
        shown = f"Points are {view.aggregated}. " if view.aggregated else ""
        chart += (f"<p class='small'>{shown}Left: blue, solid line, circles (\u25cf). "
                  "Right: vermillion, dashed line, triangles (\u25bc). Retests just after a "
                  "session, joined to the test before it: small open circles (\u25cb) left, "
                  "small open "
                  "diamonds (\u25c7) right. Dotted lines: margin of error around each "
                  "side\u2019s first result. Grey band: "
                  f"{format_length(NORMAL_LOW_CM, unit)}\u2013"
                  f"{format_length(EXCELLENT_ABOVE_CM, unit)}, normal by the training "
                  "sources; above it is better, not out of range.</p>")
    rows = "".join(
        f"<tr><td><b>{side.label.capitalize()}</b> {'●' if side is Side.LEFT else '▼'}</td>"
        f"{_side_cells(view.summaries[side], unit)}</tr>" for side in ANKLES)
    table = (
        "<h3>Knee-to-wall per side</h3>"
        "<table width='100%' cellspacing='0' cellpadding='3' border='1'>"
        "<tr><th align='left'>Side</th><th align='left'>First</th><th align='left'>Latest</th>"
        "<th align='left'>Best</th><th align='right'>Change</th><th align='left'>Verdict</th>"
        "<th align='right'>Tests</th></tr>" + rows + "</table>"
        f"<p>{_asymmetry_text(content)}</p>")
    style = (f"<style>body {{ font-size: {fit.font_pt}pt; }} h1 {{ font-size: "
             f"{fit.font_pt + 7}pt; margin: 0; }} h3 {{ font-size: {fit.font_pt + 2}pt; "
             "margin-top: 8px; margin-bottom: 3px; } th { background: #e8e8e8; } "
             f".small {{ font-size: {fit.small_pt}pt; font-weight: normal; }}"
             "</style>")
    footer = (f"<p class='small'>ankle_gui {escape(content.app_version)}.</p>")
    return (f"<html><head>{style}</head><body>{heading}{advice_section(content)}{chart}{table}"
            f"{_recent_table(content, fit)}{_plan_section(content, fit, figure_size)}"
            f"{_explanation(content)}"
            f"{footer}</body></html>")
