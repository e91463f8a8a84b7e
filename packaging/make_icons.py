"""Render the app icon's PNGs from its SVG, with Qt's own SVG renderer (QtSvg), and the
Windows (.ico) and macOS (.icns) icons the frozen builds take, from the same renders.

Run from the repository root: ``python packaging/make_icons.py``. The PNGs are committed
(next to the SVG in resources/icons/), the .ico and .icns in packaging/icons/, so this only
needs running again when the SVG changes.

Both containers hold PNG images: an .ico (Windows Vista on) takes PNG entries, and an .icns
(macOS 10.7 on) takes ``ic07``–``ic10`` (128–1024 px) and ``icp4``–``icp6`` (16–64 px).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_ID = "io.github.ankle_gui.AnkleGui"
SIZES = (16, 32, 48, 64, 128, 256)
FOLDER = Path(__file__).resolve().parent.parent / "resources" / "icons"
PACKAGING_ICONS = Path(__file__).resolve().parent / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"), (256, b"ic08"),
              (512, b"ic09"), (1024, b"ic10"))


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("could not encode a PNG")
    buffer.close()
    return bytes(data)


def ico(svg: Path) -> bytes:
    """A Windows icon: a directory of entries, each a PNG (0 in a size byte means 256)."""
    images = [png_bytes(render(svg, size)) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, image in zip(ICO_SIZES, images, strict=True):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return header + entries + b"".join(images)


def icns(svg: Path) -> bytes:
    """A macOS icon: typed chunks, each a PNG."""
    chunks = b"".join(kind + struct.pack(">I", 8 + len(image)) + image
                      for size, kind in ICNS_TYPES
                      for image in [png_bytes(render(svg, size))])
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = FOLDER / f"{ICON_ID}.svg"
    for size in SIZES:
        out = FOLDER / f"{ICON_ID}-{size}.png"
        if not render(svg, size).save(str(out), "PNG"):
            raise SystemExit(f"could not write {out}")
        print(out.relative_to(FOLDER.parent.parent))
    PACKAGING_ICONS.mkdir(exist_ok=True)
    for suffix, make in ((".ico", ico), (".icns", icns)):
        out = PACKAGING_ICONS / f"{ICON_ID}{suffix}"
        out.write_bytes(make(svg))
        print(out.relative_to(FOLDER.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
