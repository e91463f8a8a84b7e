"""Start-up rules that are kept on purpose, each pinned here (figures: README, Performance)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from ankle_gui.core.records import Measurement, MeasurementKind, Side
from ankle_gui.store import Store

# Runs the real start (cli.main) and records, as the window is shown, whether the Qt
# namespace (QtCore.Qt, whose enums take long to build) has been touched yet.
WATCH_THE_START = """
import sys
from PySide6 import QtCore
from ankle_gui.cli import main as cli
from ankle_gui.ui import main_window

shown = main_window.MainWindow.show
def show(self):
    print("qt namespace before the window:", "Qt" in vars(QtCore), flush=True)
    # hashlib loads OpenSSL (README, Performance); only a PIN or a patient code needs it.
    print("openssl before the window:", "_hashlib" in sys.modules, flush=True)
    if "Test" in self._pages:
        wizard = self._pages["Test"].wizard
        print("test steps built before the window:",
              sum(step is not None for step in wizard._steps), flush=True)
        print("results view loaded before the window:",
              "ankle_gui.ui.screening.results_view" in sys.modules, flush=True)
    shown(self)
main_window.MainWindow.show = show
sys.exit(cli.main(["--data-dir", sys.argv[1], "--quit-after", "50"]))
"""


def _start(data_dir) -> str:
    out = subprocess.run([sys.executable, "-c", WATCH_THE_START, str(data_dir)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_a_returning_user_reaches_the_window_without_the_qt_namespace(data_dir):
    store = Store.open(data_dir)
    person = store.profiles.create("Ana")
    store.results.add(person.id, [Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT,
                                              "2026-11-22T08:00:00+00:00", 9.5)])
    store.close()
    _start(data_dir)   # the first start places the window; the next reads where it was
    out = _start(data_dir)
    assert "qt namespace before the window: False" in out
    assert "openssl before the window: False" in out


def test_a_first_visit_builds_only_what_its_first_test_step_needs(data_dir):
    # Someone never measured opens on the guided test: its later steps and the results
    # view are built when they are reached, after the window is up.
    store = Store.open(data_dir)
    store.profiles.create("Ana")
    store.close()
    _start(data_dir)
    out = _start(data_dir)
    # The safety questions, which open every test: no figure, and the later steps wait.
    assert "test steps built before the window: 1" in out
    assert "results view loaded before the window: False" in out
    assert "openssl before the window: False" in out


def test_the_watch_sees_the_qt_namespace_when_it_is_touched(data_dir):
    # An empty data folder opens on Profiles, which locks pages with Qt.ItemFlag: the
    # watch above must see that, or it could not fail.
    assert "qt namespace before the window: True" in _start(data_dir)


def test_the_qt_free_layers_load_before_qt():
    code = ("import sys; from ankle_gui.cli import main as cli; cli.import_qt_free_layers(); "
            "print(sorted(m for m in sys.modules if m.startswith('ankle_gui.') "
            "and m.split('.')[1] not in ('core', 'store')), "
            "any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("] ")
    assert out[1].strip() == "False"


def test_garbage_collection_is_switched_in_one_place_only():
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "ankle_gui"
    uses = [f"{p.relative_to(package)}:{n}" for p in package.rglob("*.py")
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if "gc.disable" in line or "gc.enable" in line]
    assert uses == ["cli/main.py:" + str(n) for n in _lines_in_cli(package / "cli" / "main.py")]
    assert gc.isenabled()


def _lines_in_cli(cli) -> list[int]:
    lines = cli.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "def start_up_without_cyclic_gc" in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("def "))
    return [i + 1 for i in range(start, end) if "gc.disable" in lines[i]
            or "gc.enable" in lines[i]]
