"""The printed home-programme handout: one or two pages, black and white.

Each block (the heading, then one per drill) is its own QTextDocument, measured, then
packed onto pages whole, so a drill is never cut in two. Layouts are tried from the most
generous to the most compact (smaller type, smaller figures) until the handout fits on two
pages; a very long plan takes more pages rather than being cut. Printed and saved the way
the report is (paper.py): the same margins and papers, the PDF through a temporary file.

Public: ``HandoutRenderer``, ``write_handout_pdf``, ``save_handout_pdf`` (for anything that
has a store, a catalogue and a profile id); the print preview is the window's
(ui/progress/handout.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import cast

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QTextDocument,
)

from ankle_gui import __version__
from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.handout import Handout, HandoutDrill, NoPlan
from ankle_gui.core.poses import Poses
from ankle_gui.printing.figures import figure_image
from ankle_gui.printing.paper import (
    IMAGE_DPI,
    SCREEN_DPI,
    PaperRenderer,
    ReportError,
    first_fit,
    page_rect,
    print_document,
)
from ankle_gui.services.reports import handout_content
from ankle_gui.store import Store

MAX_PAGES_WANTED = 2
ONE_PAGE_MIN_PT = 9.0   # a short plan is shrunk onto one sheet, but not below this
GAP_MM = 3.0   # between blocks


class HandoutError(ReportError):
    """The handout could not be made or written; the message is for the user."""


@dataclass(frozen=True)
class HandoutFit:
    font_pt: float = 10.0
    figure_mm: float = 26.0      # the height of the start and end figures
    box_pt: float = 15.0         # the tick boxes


FITS = (
    HandoutFit(),
    HandoutFit(font_pt=10.0, figure_mm=22.0, box_pt=14.0),
    HandoutFit(font_pt=9.5, figure_mm=22.0, box_pt=14.0),
    HandoutFit(font_pt=9.0, figure_mm=19.0, box_pt=13.0),
    HandoutFit(font_pt=8.5, figure_mm=16.0, box_pt=12.0),
    HandoutFit(font_pt=8.0, figure_mm=14.0, box_pt=11.0),
)


# --- HTML per block --------------------------------------------------------------------------

def _style(fit: HandoutFit) -> str:
    return (f"<style>body {{ font-size: {fit.font_pt}pt; }} "
            f"h1 {{ font-size: {fit.font_pt + 8}pt; margin: 0; }} "
            f"h2 {{ font-size: {fit.font_pt + 2}pt; margin-top: 0; margin-bottom: 1px; }} "
            "p { margin-top: 0; margin-bottom: 3px; } "
            "ul { margin-top: 0; margin-bottom: 0; margin-left: 0; -qt-list-indent: 1; } "
            "li { margin-bottom: 1px; } "
            f".small {{ font-size: {max(7.5, fit.font_pt - 1.5)}pt; }} "
            f".box {{ font-size: {fit.box_pt}pt; }} "
            "td { vertical-align: top; }</style>")


def heading_html(handout: Handout, fit: HandoutFit) -> str:
    who = f"<b>{escape(handout.patient_name)}</b>"
    clinic = f" &nbsp;\u00b7&nbsp; {escape(handout.clinic_name)}" if handout.clinic_name else ""
    count = len(handout.drills)
    plan = f"{count} drill{'s' if count != 1 else ''}."
    if handout.programme_line:
        plan += " " + escape(handout.programme_line)
    lines = [f"<h1>{escape(handout.title)}</h1>",
             f"<p>{who}{clinic} &nbsp;\u00b7&nbsp; {handout.printed_on.isoformat()}</p>"]
    if handout.warnings:   # the Test page's "see a clinician", first and framed
        head, *rest = handout.warnings
        lines.append("<table width='100%' border='1' cellspacing='0' cellpadding='4' "
                     "style='margin-top: 4px; margin-bottom: 6px'><tr><td>"
                     f"<b>{escape(head)}</b>"
                     + "".join(f"<br/>\u2022 {escape(w)}" for w in rest) + "</td></tr></table>")
    lines += [f"<p>{plan} Do the drills in this order. Tick a day's box when you have done "
              "the drill. Each figure shows where a rep starts and where it ends; the darker "
              "leg is the one that works.</p>",
              f"<p><b>{escape(handout.safety)}</b></p>",
              "<ul>" + "".join(f"<li>{escape(n)}</li>"
                               for n in (*handout.notes, handout.retest_line) if n)
              + "</ul>"]
    return f"<html><head>{_style(fit)}</head><body>{''.join(lines)}</body></html>"


def figure_url(index: int) -> str:
    return f"handout-figure-{index}.png"


def tick_boxes(days: tuple[str, ...]) -> str:
    """A row of empty boxes, one per day of the week, each under its day's name."""
    cells = "".join(f"<td align='center'><span class='small'>{day}</span><br/>"
                    "<span class='box'>\u2610</span></td>" for day in days)
    return f"<table cellspacing='0' cellpadding='1'><tr>{cells}</tr></table>"


def drill_html(handout: Handout, index: int, drill: HandoutDrill, fit: HandoutFit,
               figure_css: tuple[int, int]) -> str:
    """One drill: its start and end figures with the week's tick boxes under them, and
    beside them its name, side and dose, then set-up and cues in two columns."""
    def bullets(title: str, items: tuple[str, ...]) -> str:
        if not items:
            return ""
        return (f"<p><b>{title}</b></p><ul>"
                + "".join(f"<li>{escape(t)}</li>" for t in items) + "</ul>")

    figure = ""
    if drill.poses is not None:
        figure = (f"<img src='{figure_url(index)}' width='{figure_css[0]}' "
                  f"height='{figure_css[1]}'/><br/><span class='small'>start "
                  "&nbsp;\u2192&nbsp; end</span><br/>")
    left = f"{figure}{tick_boxes(handout.days)}"
    origin = " ".join(x for x in (f"Source: {drill.source}." if drill.source else "",
                                  drill.dose_origin) if x)
    right = (f"<h2>{index + 1}. {escape(drill.name)}</h2>"
             f"<p><b>{escape(drill.side_words)}</b> &nbsp;\u00b7&nbsp; "
             f"{escape(drill.dose_words)}</p>"
             "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
             f"<td width='50%' style='padding-right: 6px'>{bullets('Set-up', drill.setup)}</td>"
             f"<td width='50%'>{bullets('Cues', drill.cues)}</td></tr></table>"
             + (f"<p class='small'>{escape(origin)}</p>" if origin else ""))
    return (f"<html><head>{_style(fit)}</head><body>"
            "<hr/><table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='{figure_css[0] + 10}' align='center'>{left}</td>"
            f"<td style='padding-left: 6px'>{right}</td></tr></table></body></html>")


# --- layout ----------------------------------------------------------------------------------

@dataclass
class _Block:
    document: QTextDocument
    height: float


class HandoutRenderer(PaperRenderer):
    """Lays the handout out for one paint device and paints it, page by page."""

    error = HandoutError
    what = "the handout"

    def __init__(self, handout: Handout):
        self.handout = handout
        self._figures: dict[tuple[int, int, int], QImage] = {}
        self.fit: HandoutFit | None = None

    def title(self) -> str:
        return f"Home programme \u2013 {self.handout.patient_name}"

    def _document(self, device: QPagedPaintDevice, width: float, html: str, fit: HandoutFit,
                  images: dict[str, QImage] | None = None) -> _Block:
        doc = print_document(device, fit.font_pt)
        for url, image in (images or {}).items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        doc.setHtml(html)
        doc.setTextWidth(width)
        return _Block(doc, doc.size().height())

    def _figure(self, index: int, drill: HandoutDrill, poses: Poses, width_px: int,
                height_px: int, draft: bool) -> QImage:
        if draft:
            return QImage(1, 1, QImage.Format.Format_RGB32)
        key = (index, width_px, height_px)
        if key not in self._figures:
            self._figures[key] = figure_image(poses, drill.side, width_px, height_px)
        return self._figures[key]

    def blocks(self, device: QPagedPaintDevice, fit: HandoutFit,
               draft: bool = False) -> list[_Block]:
        width = page_rect(device).width()
        to_px, to_css = IMAGE_DPI / 25.4, SCREEN_DPI / 25.4
        pose_mm = fit.figure_mm * 0.9
        figure_px = (round(2 * pose_mm * to_px), round(fit.figure_mm * to_px))
        figure_css = (round(2 * pose_mm * to_css), round(fit.figure_mm * to_css))
        blocks = [self._document(device, width, heading_html(self.handout, fit), fit)]
        for i, drill in enumerate(self.handout.drills):
            images = {}
            if drill.poses is not None:
                images[figure_url(i)] = self._figure(i, drill, drill.poses, *figure_px, draft)
            blocks.append(self._document(device, width,
                                         drill_html(self.handout, i, drill, fit, figure_css),
                                         fit, images))
        return blocks

    @staticmethod
    def _pages(blocks: list[_Block], page_height: float, gap: float) -> list[list[_Block]]:
        pages: list[list[_Block]] = [[]]
        used = 0.0
        for block in blocks:
            need = block.height + (gap if pages[-1] else 0)
            if pages[-1] and used + need > page_height:
                pages.append([])
                used, need = 0.0, block.height
            pages[-1].append(block)
            used += need
        return pages

    def layout(self, device: QPagedPaintDevice) -> list[list[_Block]]:
        """The pages, in the most generous fit that keeps the handout on one page (without
        going under 9 pt for it), else on two, else the most compact fit."""
        page = page_rect(device)
        gap = GAP_MM * device.logicalDpiY() / 25.4
        room = page.height() - self._footer_height(device)
        counts: dict[HandoutFit, int] = {}

        def pages(fit: HandoutFit) -> int:
            if fit not in counts:
                counts[fit] = len(self._pages(self.blocks(device, fit, draft=True), room, gap))
            return counts[fit]

        large = [fit for fit in FITS if fit.font_pt >= ONE_PAGE_MIN_PT]
        chosen = (first_fit(large, lambda fit: pages(fit) <= 1)
                  or first_fit(FITS, lambda fit: pages(fit) <= MAX_PAGES_WANTED) or FITS[-1])
        self.fit = chosen
        return self._pages(self.blocks(device, chosen), room, gap)

    @staticmethod
    def _footer_height(device: QPaintDevice) -> float:
        return 6.0 * float(device.logicalDpiY()) / 25.4

    def paint_on(self, painter: QPainter, device: QPagedPaintDevice) -> int:
        """Paint every page; returns the number of pages."""
        pages = self.layout(device)
        for number, blocks in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            self.paint_page(painter, blocks, number, len(pages))
        return len(pages)

    def paint_page(self, painter: QPainter, blocks: list[_Block], number: int,
                   total: int) -> None:
        """One page of ``layout()`` with its footer, on a painter already begun (so that
        several documents can share one print job)."""
        # A printer, a print preview or a PDF: each a paged device.
        device = cast(QPagedPaintDevice, painter.device())
        page = page_rect(device)
        gap = GAP_MM * device.logicalDpiY() / 25.4
        y = 0.0
        for block in blocks:
            painter.save()
            painter.translate(0, y)
            block.document.drawContents(painter, QRectF(0, 0, page.width(), block.height))
            painter.restore()
            y += block.height + gap
        self._paint_footer(painter, page, number, total)

    def _paint_footer(self, painter: QPainter, page: QRectF, number: int, total: int) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSizeF(8.0)
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.black)
        height = self._footer_height(painter.device())
        rect = QRectF(0, page.height() - height, page.width(), height)
        who = self.handout.patient_name + (f" \u00b7 {self.handout.clinic_name}"
                                           if self.handout.clinic_name else "")
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                         f"{who} \u00b7 home programme \u00b7 ankle_gui {__version__}")
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                         f"Page {number} of {total}")


# --- PDF ------------------------------------------------------------------------------------

def write_handout_pdf(handout: Handout, path: Path | str, paper: str | None = None) -> int:
    """Save the handout as PDF through a temporary file renamed into place; returns pages."""
    return HandoutRenderer(handout).write_pdf(path, paper)


def save_handout_pdf(store: Store, catalogue: Catalogue | None, profile_id: int,
                     path: Path | str, paper: str | None = None, *, printed_on: date) -> int:
    """The profile's handout as a PDF at ``path``; returns its pages. NoPlan (nothing
    written) when the profile has no plan; HandoutError when the file cannot be written."""
    return write_handout_pdf(handout_content(store, catalogue, profile_id,
                                             printed_on=printed_on), path, paper)


__all__ = ["HandoutError", "HandoutRenderer", "NoPlan", "save_handout_pdf",
           "write_handout_pdf"]
