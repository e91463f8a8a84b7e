"""The one-page progress report: laid out in a QTextDocument, printed or saved as PDF.

The chart is rendered with pyqtgraph's ImageExporter at print resolution (PrintExporter is
disabled in pyqtgraph 0.14 and SVGExporter can crash on plots with symbols). The page is
shrunk step by step (smaller chart, fewer rows, smaller type) until it fits on one sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from ankle_gui import __version__
from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.poses import Poses
from ankle_gui.core.profile import Profile
from ankle_gui.core.progress import ProgressView, build_view
from ankle_gui.core.progress_series import Measure, ProfileData
from ankle_gui.core.records import Side
from ankle_gui.core.time_buckets import days_of, range_start
from ankle_gui.store import Store
from ankle_gui.store.files import replacing
from ankle_gui.ui.drills.drill_figure import paint_figure
from ankle_gui.ui.progress.report_html import (
    FITS,
    ReportContent,
    ReportFit,
    figure_url,
    report_html,
)

IMAGE_DPI = 300
# The chart is laid out at 1/3 of its printed pixel size, so its text prints at about 8 pt.
PRINT_SCALE = 3.0
SCREEN_DPI = 96
MARGIN_MM = 14
MAX_TEST_DAYS = 40  # more would not fit on any page anyway
# A planned drill's thumbnail: start and end pose side by side, each pose this big.
FIGURE_HEIGHT_MM = 9.5
FIGURE_POSE_WIDTH_MM = 8.0
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


class ReportError(Exception):
    """The report could not be written; the message is for the user."""


def default_paper() -> str:
    """Letter where the locale measures in inches (US), A4 everywhere else."""
    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial else "a4"


def _recent(data: ProfileData, view: ProgressView) -> list[tuple[float, Measure | None,
                                                                   Measure | None]]:
    """One row per test day in the period: the day's last cold result of each side."""
    days: dict[int, dict[Side, Measure]] = {}
    measures = data.measures_between(view.start, view.end)
    for m, day in zip(measures, days_of(measures), strict=True):
        if m.cold:
            days.setdefault(day, {})[m.side] = m
    rows = []
    for day in sorted(days):
        both = days[day]
        t = max(m.t for m in both.values())
        rows.append((t, both.get(Side.LEFT), both.get(Side.RIGHT)))
    return rows


def report_content(store: Store, profile: Profile, catalogue: Catalogue | None = None, *,
                   range_key: str = "all", since: float | None = None,
                   until: float | None = None, now: float) -> ReportContent:
    """The report of one profile as it stands at ``now`` (POSIX seconds): the end of its
    period, and its "Printed" line."""
    start = since if since is not None else range_start(range_key, now)
    data = store.progress.load(profile.id, start)
    view = build_view(data, range_key, now, since=since, until=until)
    saved = store.plans.current(profile.id)
    plan = saved[0] if saved else []
    names: dict[str, str] = {}
    poses: dict[str, Poses] = {}
    together: set[str] = set()
    if catalogue is not None:
        for item in plan:
            if item.drill_id in catalogue:
                drill = catalogue.get(item.drill_id)
                names[item.drill_id] = drill.name
                poses[item.drill_id] = drill.poses
                if not drill.per_side:
                    together.add(item.drill_id)
    from ankle_gui.services.screening import latest_test

    at = datetime.fromtimestamp(now, UTC)   # the report's "now", for the pain rules too
    latest = (latest_test(store, catalogue, profile, lambda: at) if catalogue is not None
              else None)
    return ReportContent(
        advice=latest.advice if latest is not None else None,
        profile_name=profile.name, unit=profile.unit, view=view, recent=_recent(data, view),
        plan=plan, plan_names=names, sessions_per_week=saved[1] if saved else None,
        printed_at=datetime.fromtimestamp(now).astimezone(), app_version=__version__,
        plan_poses=poses, sessions=view.ended,
        plan_together=frozenset(together))


def figure_image(poses: Poses, side: Side, width_px: int, height_px: int) -> QImage:
    """A drill's start and end poses side by side, black and white on white, for print."""
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    keys = poses.sequence()
    half = width_px / 2
    painter = QPainter(image)
    try:
        for i, key in enumerate((keys[0], keys[-1])):
            paint_figure(painter, QRectF(i * half, 0, half, height_px), poses, dict(key.angles),
                         side=side, mono=True)
    finally:
        painter.end()
    return image


def page_rect(device: QPagedPaintDevice) -> QRectF:
    """The printable area of one page, in the device's pixels, from (0, 0)."""
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    return QRectF(0, 0, rect.width(), rect.height())


def print_document(device: QPagedPaintDevice, font_pt: float) -> QTextDocument:
    """An empty rich-text document laid out for ``device``, in the printed pages' font."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    font = doc.defaultFont()
    font.setFamily("DejaVu Sans")
    font.setPointSizeF(font_pt)
    doc.setDefaultFont(font)
    return doc


@dataclass
class _Layout:
    document: QTextDocument
    fit: ReportFit


class ReportRenderer:
    """Lays the report out for one paint device and paints it on one page."""

    def __init__(self, content: ReportContent):
        self.content = content
        self._images: dict[tuple[int, int], object] = {}
        self._figures: dict[tuple[str, Side, int, int], QImage] = {}

    def _chart_image(self, width_px: int, height_px: int):
        key = (width_px, height_px)
        if key not in self._images:
            from ankle_gui.ui.progress.charts import (
                render_chart_image,  # pyqtgraph only when printing
            )

            self._images[key] = render_chart_image(self.content.view, self.content.unit,
                                                   width_px, height_px, scale=PRINT_SCALE)
        return self._images[key]

    def layout(self, device: QPagedPaintDevice) -> _Layout:
        """Try each fit with a stand-in for the chart (the layout only needs its size),
        then render the chart once, for the fit that goes on one page."""
        page = page_rect(device)
        dpi = device.logicalDpiX()
        chosen = FITS[-1]
        for fit in FITS:
            if self._fits(device, page, dpi, fit):
                chosen = fit
                break
        chosen = self._more_test_days(device, page, dpi, chosen)
        return _Layout(self._document(device, page, dpi, chosen), chosen)

    def _fits(self, device, page: QRectF, dpi: int, fit: ReportFit) -> bool:
        return self._document(device, page, dpi, fit, draft=True).pageCount() <= 1

    def _more_test_days(self, device, page: QRectF, dpi: int, fit: ReportFit) -> ReportFit:
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

    def _document(self, device, page: QRectF, dpi: int, fit: ReportFit,
                  draft: bool = False) -> QTextDocument:
        doc = print_document(device, fit.font_pt)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        width = int(page.width())
        height = int(page.height() * fit.chart_height_ratio)
        figure_size = self._add_figures(doc, draft)
        url = None
        if not self.content.view.empty:
            scale = IMAGE_DPI / dpi
            image = QImage(1, 1, QImage.Format.Format_RGB32) if draft else \
                self._chart_image(int(width * scale), int(height * scale))
            url = "chart.png"
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        # QTextDocument reads <img> sizes as 96-dpi pixels and scales them to the device.
        to_css = SCREEN_DPI / dpi
        doc.setHtml(report_html(self.content, fit, round(width * to_css), round(height * to_css),
                                url, figure_size))
        doc.setPageSize(QSizeF(page.width(), page.height()))
        return doc

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

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint the report on ``device``; returns the number of pages the layout needed
        (1 unless even the smallest layout overflowed, in which case it is clipped)."""
        laid = self.layout(device)
        page = page_rect(device)
        painter = QPainter()
        if not painter.begin(device):
            raise ReportError("Could not start drawing the report (is the file writable?).")
        try:
            painter.setClipRect(page)
            laid.document.drawContents(painter, page)
        finally:
            painter.end()
        return laid.document.pageCount()


def write_pdf(content: ReportContent, path: Path | str, paper: str | None = None) -> int:
    """Save the report as a one-page PDF; returns pages laid out (always 1 on success)."""
    path = Path(path)
    if not path.parent.exists():
        raise ReportError(f"The folder {path.parent} does not exist.")
    # Written next to the target and renamed into place: a kill or a failure mid-way
    # leaves an earlier PDF of the same name untouched.
    try:
        return _write_pdf_through_temporary(content, path, paper)
    except OSError as exc:  # named after the file the user chose, not the temporary one
        raise ReportError(f"The PDF could not be written to {path}: "
                          f"{exc.strerror or exc}.") from None


def _write_pdf_through_temporary(content: ReportContent, path: Path, paper: str | None) -> int:
    with replacing(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(IMAGE_DPI)
        writer.setTitle(f"Ankle mobility progress \u2013 {content.profile_name}")
        writer.setCreator(f"ankle_gui {content.app_version}")
        # The page is black, white and greys: one channel for its chart image, a third of
        # the data to compress.
        writer.setColorModel(QPdfWriter.ColorModel.Grayscale)
        writer.setPageLayout(QPageLayout(
            QPageSize(PAPERS[paper or default_paper()]), QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter))
        pages = ReportRenderer(content).paint(writer)
        del writer  # flushes and closes the file
        # QPdfWriter does not report a failed write (a full disk): a whole PDF ends with
        # its %%EOF marker, a cut one does not, and must not replace anything.
        if not _ends_like_a_pdf(temp):
            raise ReportError(f"The PDF could not be written in full to {path} (is the disk "
                              "full?). Nothing was saved.")
    return pages


def _ends_like_a_pdf(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in fh.read()
