"""The one-page progress report: laid out in a QTextDocument, printed or saved as PDF.

The charts are painted in place by the document (a text object the size of the chart's
room): vector lines and text on paper, in the screen's colours. The page is shrunk step by
step (smaller chart, fewer rows, smaller type) until it fits on one sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QImage,
    QPagedPaintDevice,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from ankle_gui.core.poses import Poses
from ankle_gui.core.records import Side
from ankle_gui.printing.chart_painter import PaperCharts
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
from ankle_gui.printing.report_html import CHART_URL, FITS, ReportFit, figure_url, report_html
from ankle_gui.services.reports import ReportContent

__all__ = ["ReportError", "ReportRenderer", "write_pdf"]

MAX_TEST_DAYS = 40  # more would not fit on any page anyway
# A planned drill's thumbnail: start and end pose side by side, each pose this big.
FIGURE_HEIGHT_MM = 9.5
FIGURE_POSE_WIDTH_MM = 8.0
CHART_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1


class _ChartObject(QPyTextObject):
    """The charts as a character of the document, painted where the layout puts it."""

    def __init__(self, charts: PaperCharts, size: QSizeF, parent: QObject | None = None):
        super().__init__(parent)
        self.charts = charts
        self.size = size

    # QTextObjectInterface's two methods, under Qt's names.
    def intrinsicSize(self, doc: QTextDocument, pos_in_document: int,  # noqa: N802
                      format: QTextFormat) -> QSizeF:
        return self.size

    def drawObject(self, painter: QPainter, rect: QRectF | QRect,  # noqa: N802
                   doc: QTextDocument, pos_in_document: int, format: QTextFormat) -> None:
        self.charts.paint(painter, QRectF(rect))


@dataclass
class _Layout:
    document: QTextDocument
    fit: ReportFit


class ReportRenderer(PaperRenderer):
    """Lays the report out for one paint device and paints it on one page."""

    def __init__(self, content: ReportContent):
        self.content = content
        self._charts = PaperCharts(content.view, content.unit)
        self._figures: dict[tuple[str, Side, int, int], QImage] = {}

    def title(self) -> str:
        return f"Ankle mobility progress \u2013 {self.content.profile_name}"

    def layout(self, device: QPagedPaintDevice) -> _Layout:
        """The most generous fit that goes on one page, with as many test days as the
        room left takes; the drafts leave the drill figures out (only their size counts)."""
        page = page_rect(device)
        dpi = device.logicalDpiX()
        chosen = first_fit(FITS, lambda fit: self._fits(device, page, dpi, fit)) or FITS[-1]
        chosen = self._more_test_days(device, page, dpi, chosen)
        return _Layout(self._document(device, page, dpi, chosen), chosen)

    def _fits(self, device: QPagedPaintDevice, page: QRectF, dpi: int, fit: ReportFit) -> bool:
        return self._document(device, page, dpi, fit, draft=True).pageCount() <= 1

    def _more_test_days(self, device: QPagedPaintDevice, page: QRectF, dpi: int,
                        fit: ReportFit) -> ReportFit:
        """List as many test days as the room left on the page takes. Each try is one whole
        layout of the page: one more row, two, four... until one does not fit (a page most
        often has room for only a row or two more), then a bisection of the last step."""
        if fit.recent_rows <= 0:
            return fit
        low, high = fit.recent_rows, min(len(self.content.recent), MAX_TEST_DAYS)
        step = 1
        while low < high:
            more = min(low + step, high)
            if not self._fits(device, page, dpi, fit.with_rows(more)):
                high = more - 1
                break
            low, step = more, step * 2
        while low < high:
            middle = (low + high + 1) // 2
            if self._fits(device, page, dpi, fit.with_rows(middle)):
                low = middle
            else:
                high = middle - 1
        return fit.with_rows(low)

    def _document(self, device: QPagedPaintDevice, page: QRectF, dpi: int, fit: ReportFit,
                  draft: bool = False) -> QTextDocument:
        doc = print_document(device, fit.font_pt)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        width = int(page.width())
        height = int(page.height() * fit.chart_height_ratio)
        figure_size = self._add_figures(doc, draft)
        # The chart's room: a stand-in image, given so that the document looks for no file.
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL),
                        QImage(1, 1, QImage.Format.Format_RGB32))
        # QTextDocument reads <img> sizes as 96-dpi pixels and scales them to the device.
        to_css = SCREEN_DPI / dpi
        doc.setHtml(report_html(self.content, fit, round(width * to_css),
                                round(height * to_css), CHART_URL, figure_size))
        if not draft and not self.content.view.empty:
            self._paint_charts_in(doc, QSizeF(width, height))
        doc.setPageSize(QSizeF(page.width(), page.height()))
        return doc

    def _paint_charts_in(self, doc: QTextDocument, size: QSizeF) -> None:
        """Put the charts where the page holds room for them: the stand-in image named
        ``CHART_URL`` becomes a text object of the same size (``size``, the device's
        pixels) that paints them."""
        cursor = doc.find("\ufffc")
        while not cursor.isNull():
            image = cursor.charFormat().toImageFormat()
            if image.isValid() and image.name() == CHART_URL:
                break
            cursor = doc.find("\ufffc", cursor)
        else:
            return
        # The document owns it: a document laid out here may be painted after the renderer
        # is gone (the clinic's print job of many patients).
        chart = _ChartObject(self._charts, size, parent=doc)
        doc.documentLayout().registerHandler(CHART_OBJECT, chart)
        form = QTextCharFormat()
        form.setObjectType(CHART_OBJECT)
        cursor.insertText("\ufffc", form)

    def _add_figures(self, doc: QTextDocument, draft: bool) -> tuple[int, int]:
        """Give the document each planned drill's figure, drawn at print resolution;
        returns the size it is shown at, in CSS pixels."""
        to_px = IMAGE_DPI / 25.4
        width = round(2 * FIGURE_POSE_WIDTH_MM * to_px)
        height = round(FIGURE_HEIGHT_MM * to_px)
        for item in self.content.plan:
            poses = self.content.plan_poses.get(item.drill_id)
            if poses is None:
                continue
            side = Side(item.sides.value)
            image = QImage(1, 1, QImage.Format.Format_RGB32) if draft else \
                self._figure(item.drill_id, poses, side, width, height)
            doc.addResource(QTextDocument.ResourceType.ImageResource,
                            QUrl(figure_url(item.drill_id, side.value)), image)
        to_css = SCREEN_DPI / 25.4
        return (round(2 * FIGURE_POSE_WIDTH_MM * to_css), round(FIGURE_HEIGHT_MM * to_css))

    def _figure(self, drill_id: str, poses: Poses, side: Side, width_px: int,
                height_px: int) -> QImage:
        key = (drill_id, side, width_px, height_px)
        if key not in self._figures:
            self._figures[key] = figure_image(poses, side, width_px, height_px)
        return self._figures[key]

    def paint_on(self, painter: QPainter, device: QPagedPaintDevice) -> int:
        """Paint the report; returns the number of pages the layout needed (1 unless even
        the smallest layout overflowed, in which case it is clipped)."""
        laid = self.layout(device)
        page = page_rect(device)
        painter.setClipRect(page)
        laid.document.drawContents(painter, page)
        return laid.document.pageCount()


def write_pdf(content: ReportContent, path: Path | str, paper: str | None = None) -> int:
    """Save the report as a one-page PDF; returns pages laid out (always 1 on success)."""
    return ReportRenderer(content).write_pdf(path, paper)
