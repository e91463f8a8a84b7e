"""The app has a face: an icon made from one SVG, on every window, installable for the
.desktop file, and AppStream metadata that validates."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from ankle_gui.ui.common.app_icon import ICON_ID, SIZES

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
PACKAGING = ROOT / "packaging"


def _make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_svg_is_valid_and_square():
    renderer = QSvgRenderer(str(ICONS / f"{ICON_ID}.svg"))
    assert renderer.isValid()
    size = renderer.defaultSize()
    assert size.width() == size.height() == 256


@pytest.mark.parametrize("size", SIZES)
def test_each_png_is_the_svg_rendered_by_the_committed_script(qapp, size):
    """The PNGs are what packaging/make_icons.py makes from the SVG now: an edit to the SVG
    without running the script fails here."""
    committed = QImage(str(ICONS / f"{ICON_ID}-{size}.png"))
    assert (committed.width(), committed.height()) == (size, size)
    fresh = _make_icons().render(ICONS / f"{ICON_ID}.svg", size)
    a, b = _pixels(committed), _pixels(fresh)
    # Another Qt version may smooth an edge a little differently; the drawing is the same.
    assert np.abs(a - b).mean() < 2 and np.abs(a - b).max() < 80


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    raw = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * image.height())
    return raw.reshape(image.height(), -1)[:, : image.width() * 4].astype(int)


def test_the_icon_reads_at_16_px(qapp):
    """At 16 px the leg and the card must still differ: enough white and enough blue, and
    no pixel of the card lost to transparency inside it."""
    image = QImage(str(ICONS / f"{ICON_ID}-16.png"))
    white = blue = 0
    for y in range(16):
        for x in range(16):
            c = image.pixelColor(x, y)
            if c.alpha() > 200 and min(c.red(), c.green(), c.blue()) > 200:
                white += 1
            elif c.alpha() > 200 and c.blue() > 140 and c.red() < 60:
                blue += 1
    assert white >= 20 and blue >= 80


def test_every_window_gets_the_icon(qapp, main_window):
    from ankle_gui.app.start import show_app_identity

    show_app_identity(qapp)
    sizes = {(s.width(), s.height()) for s in qapp.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (128, 128)} <= sizes
    assert not main_window.windowIcon().isNull()
    assert main_window.windowIcon().pixmap(32, 32).width() == 32


def test_the_real_start_sets_the_icon_and_the_app_id(qapp, tmp_path):
    from PySide6.QtGui import QIcon

    from ankle_gui import APP_ID
    from ankle_gui.cli.main import main

    qapp.setWindowIcon(QIcon())
    qapp.setDesktopFileName("")
    assert main(["--data-dir", str(tmp_path / "data"),
                 "--quit-after", "400"]) == 0
    assert qapp.desktopFileName() == APP_ID
    assert len(qapp.windowIcon().availableSizes()) == 5


def test_the_desktop_file_names_the_icon_that_ships():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / f"{ICON_ID}.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == ICON_ID
    assert (ICONS / f"{ICON_ID}.svg").exists()


def test_the_readme_installs_every_icon_size():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "hicolor/scalable/apps" in readme
    assert "for size in " + " ".join(str(size) for size in SIZES) + "; do" in readme


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli (Debian package appstream; .ci/run installs it)")
def test_appstream_metadata_validates_with_no_notes():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net",
         str(PACKAGING / f"{ICON_ID}.metainfo.xml")],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # Errors, warnings and infos each print a line starting "E:", "W:" or "I:".
    notes = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:", "I:")]
    if _appstream_version() < (1, 0):
        # <developer> came with AppStream 1.0 (it replaces <developer_name>); the validator
        # of Debian 12, 0.16, does not know it yet and says so in one info line.
        notes = [line for line in notes if not line.endswith("unknown-tag developer")]
    assert notes == []
    assert "<releases>" in (PACKAGING / f"{ICON_ID}.metainfo.xml").read_text(encoding="utf-8")


def _appstream_version() -> tuple[int, ...]:
    out = subprocess.run(["appstreamcli", "--version"], capture_output=True, text=True).stdout
    version = out.split(":")[-1].strip()
    return tuple(int(part) for part in version.split(".")[:2])


def test_the_metadata_names_the_app_its_developer_and_its_screenshots():
    import xml.etree.ElementTree as ET

    root = ET.parse(PACKAGING / f"{ICON_ID}.metainfo.xml").getroot()
    assert root.findtext("name") == "Ankle Mobility Coach"
    assert root.find("developer").get("id") and root.findtext("developer/name")
    assert root.find("url[@type='homepage']").text.startswith("https://")
    shots = root.findall("screenshots/screenshot")
    assert len(shots) >= 3 and shots[0].get("type") == "default"
    for shot in shots:
        assert shot.findtext("caption")
        assert (ROOT / "packaging" / "screenshots" / shot.findtext("image").rsplit("/", 1)[1]
                ).exists()
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(PACKAGING / f"{ICON_ID}.desktop", encoding="utf-8")
    assert desktop["Desktop Entry"]["Name"] == root.findtext("name")


def test_the_pyinstaller_spec_analyses_the_installed_package():
    spec = (PACKAGING / "ankle_gui.spec").read_text(encoding="utf-8")
    assert "pathex=[]" in spec  # the source tree has no ankle_gui/resources folder
    assert (PACKAGING / "launcher.py").exists()


def test_the_windows_and_macos_icons_hold_the_svgs_renders(qapp):
    """packaging/icons/: an .ico and an .icns of PNG entries, each the SVG rendered now by
    the committed script (an edit to the SVG without running it fails here)."""
    import struct

    module = _make_icons()
    svg = ICONS / f"{ICON_ID}.svg"
    data = (PACKAGING / "icons" / f"{ICON_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(module.ICO_SIZES))
    for i, size in enumerate(module.ICO_SIZES):
        side, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert side == (0 if size >= 256 else size)
        image = QImage.fromData(data[offset:offset + length], "PNG")
        assert (image.width(), image.height()) == (size, size)
        assert np.abs(_pixels(image) - _pixels(module.render(svg, size))).mean() < 2
    data = (PACKAGING / "icons" / f"{ICON_ID}.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    at, found = 8, {}
    while at < len(data):
        kind, length = data[at:at + 4], struct.unpack_from(">I", data, at + 4)[0]
        found[kind] = QImage.fromData(data[at + 8:at + length], "PNG")
        at += length
    assert list(found) == [kind for _, kind in module.ICNS_TYPES]
    for size, kind in module.ICNS_TYPES:
        assert (found[kind].width(), found[kind].height()) == (size, size)
    assert np.abs(_pixels(found[b"ic07"]) - _pixels(module.render(svg, 128))).mean() < 2
