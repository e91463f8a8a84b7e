"""Write one PNG with every drill's key poses, for checking them by eye.

    python packaging/drill_sheet.py /tmp/drills.png            # every drill
    python packaging/drill_sheet.py /tmp/few.png --ids biphasic_stretch,calf_raises_step
    python packaging/drill_sheet.py /tmp/print.png --mono --left

Each panel shows the drill's name, the article it comes from (author, title and the seed file
in ../shared/seeds/), how the catalogue describes the movement (its summary and set-up, in the
app's own words) and its key poses with their labels, drawn by the app's own renderer
(``ankle_gui.ui.drills.drill_figure``). The sheet is for review: look at each drill against its
seed's text and fix what is wrong. Do not commit it.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
)

from ankle_gui.core.catalogue import Drill, load_catalogue
from ankle_gui.core.records import Side
from ankle_gui.ui.drills.drill_figure import paint_figure

CELL = 200        # one key pose, square
TITLE_H = 28      # the name
LABEL_H = 34      # each pose's label under it
GAP = 14


def _fonts() -> tuple[QFont, QFont]:
    title = QFont()
    title.setPixelSize(16)
    title.setBold(True)
    body = QFont()
    body.setPixelSize(12)
    return title, body


def description(drill: Drill) -> str:
    """What the panel says about the movement: the source, the summary, the set-up."""
    view = drill.poses.view.value
    return "\n".join((
        f"{drill.id} · source: {drill.source.citation} (seed {drill.source.seed})",
        f"{drill.summary} ({view} view, {drill.poses.base.replace('_', ' ')})",
        "Set-up: " + " ".join(drill.setup),
    ))


def text_height(drill: Drill, width: int) -> int:
    """Height of the name and description, wrapped to the panel's width."""
    _, body = _fonts()
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    box = QFontMetrics(body).boundingRect(0, 0, width - 2 * GAP, 10_000, flags,
                                          description(drill))
    return TITLE_H + box.height() + 8


def panel_width(drill: Drill) -> int:
    return GAP + len(drill.poses.keys) * (CELL + GAP)


def draw_panel(painter: QPainter, x: int, y: int, width: int, text_h: int, drill: Drill, *,
               side: Side, mono: bool) -> None:
    painter.setPen(QPen(QColor("#d0d5dd"), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(x, y, width, text_h + CELL + LABEL_H + GAP))
    title, body = _fonts()
    painter.setFont(title)
    painter.setPen(QColor("#101828"))
    painter.drawText(QRectF(x + GAP, y + 6, width - 2 * GAP, 22), Qt.AlignmentFlag.AlignLeft,
                     drill.name)
    painter.setFont(body)
    painter.setPen(QColor("#475467"))
    painter.drawText(QRectF(x + GAP, y + TITLE_H, width - 2 * GAP, text_h - TITLE_H),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                     description(drill))
    drill_side = side if drill.per_side else Side.BOTH
    for i, key in enumerate(drill.poses.keys):
        cx = x + GAP + i * (CELL + GAP)
        box = QRectF(cx, y + text_h, CELL, CELL)
        painter.setPen(QPen(QColor("#eaecf0"), 1))
        painter.drawRect(box)
        paint_figure(painter, box, drill.poses, key.angles, side=drill_side, mono=mono)
        painter.setFont(body)
        painter.setPen(QColor("#101828"))
        text = f"{i + 1}. {key.label}" + (f" [{key.variant}]" if key.variant else "")
        painter.drawText(QRectF(cx, y + text_h + CELL + 2, CELL, LABEL_H),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap), text)


def render_sheet(drills: list[Drill], *, columns: int, side: Side, mono: bool) -> QImage:
    col_w = max(panel_width(d) for d in drills)
    text_h = max(text_height(d, col_w) for d in drills)
    row_h = text_h + CELL + LABEL_H + GAP
    rows = (len(drills) + columns - 1) // columns
    image = QImage(columns * (col_w + GAP) + GAP, rows * (row_h + GAP) + GAP,
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    for n, drill in enumerate(drills):
        row, col = divmod(n, columns)
        draw_panel(painter, GAP + col * (col_w + GAP), GAP + row * (row_h + GAP), col_w, text_h,
                   drill, side=side, mono=mono)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the PNG to write")
    parser.add_argument("--ids", help="only these drills, comma-separated")
    parser.add_argument("--columns", type=int, default=3)
    parser.add_argument("--left", action="store_true", help="show the left side (mirrored)")
    parser.add_argument("--mono", action="store_true", help="black and white, as printed")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    drills = list(load_catalogue())
    if args.ids:
        wanted = args.ids.split(",")
        drills = [d for d in drills if d.id in wanted]
        if not drills:
            parser.error("none of those ids is in the catalogue")
    image = render_sheet(drills, columns=args.columns,
                         side=Side.LEFT if args.left else Side.RIGHT, mono=args.mono)
    if not image.save(args.out):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(f"{args.out}: {len(drills)} drills, {image.width()}×{image.height()} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
