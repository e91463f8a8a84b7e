"""``ankle-gui report`` and ``handout`` in a process of their own: they draw on paper with a
QGuiApplication, no widget, and load none of the window's modules (issue 25 §5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import TODAY

from ankle_gui.store import Store
from ankle_gui.store.demo import add_demo_profile

RUN = """
import json, sys
from PySide6.QtGui import QGuiApplication
from ankle_gui.app.entry import main
code = main(sys.argv[1:])
app = QGuiApplication.instance()
print(json.dumps({"code": code, "app": type(app).__name__,
                  "ui": sorted(m for m in sys.modules if m.startswith("ankle_gui.ui")),
                  "pyqtgraph": "pyqtgraph" in sys.modules,
                  "widgets": "PySide6.QtWidgets" in sys.modules}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("command", ["report", "handout"])
def test_a_paper_command_needs_no_widgets(data_dir, catalogue, tmp_path, command):
    store = Store.open(data_dir)
    add_demo_profile(store, catalogue, today=TODAY)
    store.close()
    out = tmp_path / f"{command}.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", RUN, "--data-dir", str(data_dir), command,
                           "--profile", "demo – alex", "--pdf", str(out)],
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and out.read_bytes().startswith(b"%PDF")
    assert seen["app"] == "QGuiApplication"   # not a QApplication: no widget can be made
    assert not seen["pyqtgraph"] and not seen["widgets"]
    assert seen["ui"] == []
