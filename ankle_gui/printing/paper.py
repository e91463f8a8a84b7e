"""What the report and the handout share on paper: the papers and margins, the printable
rect, rich text set for print, the shrink-to-fit search, and the PDF, written next to its
target and renamed into place only once it is whole."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QLocale, QMarginsF, QRectF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from ankle_gui import __version__
from ankle_gui.store.files import replacing

IMAGE_DPI = 300   # the PDF's resolution, and the drill figures' pixels
SCREEN_DPI = 96   # QTextDocument reads <img> sizes as pixels of a 96-dpi screen
MARGIN_MM = 14
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}

Fit = TypeVar("Fit")


class ReportError(Exception):
    """The report or the handout could not be made or written; the message is for the user."""


def default_paper() -> str:
    """Letter where the locale measures in inches (US), A4 everywhere else."""
    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial else "a4"


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


def first_fit(fits: Sequence[Fit], fits_well: Callable[[Fit], bool]) -> Fit | None:
    """The most generous of ``fits`` (tried in order, from the roomiest layout to the most
    compact) that ``fits_well``; None if none does."""
    return next((fit for fit in fits if fits_well(fit)), None)


class PaperRenderer(ABC):
    """Lays a paper out for one paint device and paints it; saves it as PDF."""

    error: type[ReportError] = ReportError
    what = "the report"           # in messages: "Could not start drawing the report"
    grayscale = False

    @abstractmethod
    def title(self) -> str:
        """The PDF's title (its file properties)."""

    @abstractmethod
    def paint_on(self, painter: QPainter, device: QPagedPaintDevice) -> int:
        """Lay out and paint every page on ``painter``, already begun on ``device``;
        returns the number of pages."""

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint on ``device`` (a printer, a print preview, a PDF); returns the pages."""
        painter = QPainter()
        if not painter.begin(device):
            raise self.error(f"Could not start drawing {self.what} (is the file writable?).")
        try:
            return self.paint_on(painter, device)
        finally:
            painter.end()

    def write_pdf(self, path: Path | str, paper: str | None = None) -> int:
        """Save as PDF; returns the pages. Written next to the target and renamed into
        place: a kill or a failure mid-way leaves an earlier PDF of the same name as it was."""
        path = Path(path)
        if not path.parent.exists():
            raise self.error(f"The folder {path.parent} does not exist.")
        try:
            with replacing(path) as temp:
                writer = QPdfWriter(str(temp))
                writer.setResolution(IMAGE_DPI)
                writer.setTitle(self.title())
                writer.setCreator(f"ankle_gui {__version__}")
                if self.grayscale:
                    writer.setColorModel(QPdfWriter.ColorModel.Grayscale)
                writer.setPageLayout(QPageLayout(
                    QPageSize(PAPERS[paper or default_paper()]),
                    QPageLayout.Orientation.Portrait,
                    QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                    QPageLayout.Unit.Millimeter))
                pages = self.paint(writer)
                del writer  # flushes and closes the file
                # QPdfWriter does not report a failed write (a full disk): a whole PDF ends
                # with its %%EOF marker, a cut one does not, and must not replace anything.
                if not ends_like_a_pdf(temp):
                    raise self.error(f"The PDF could not be written in full to {path} (is "
                                     "the disk full?). Nothing was saved.")
        except OSError as exc:  # named after the file the user chose, not the temporary one
            raise self.error(f"The PDF could not be written to {path}: "
                             f"{exc.strerror or exc}.") from None
        return pages


def ends_like_a_pdf(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in fh.read()
