"""What a person waiting for the window feels: a first visit builds only the part of the Test
page it shows (figures: bench/startup.py, README's Performance)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ankle_gui.store import Store

# Runs the real start (cli.main) and reports, as the window is shown, how much of the Test
# page has been built.
WATCH_THE_START = """
import sys
from ankle_gui.cli import main as cli
from ankle_gui.ui import main_window

shown = main_window.MainWindow.show
def show(self):
    test = self.built_page("Test")
    print("page shown first:", self.current_page_name(), flush=True)
    if test is not None:
        print("test steps built before the window:",
              sum(step is not None for step in test.wizard._steps), flush=True)
        print("results built before the window:", test._results is not None, flush=True)
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


@pytest.mark.slow
def test_a_first_visit_builds_only_what_its_first_test_step_needs(data_dir):
    # Someone never measured opens on the guided test: its later steps and the results
    # view are built when they are reached, after the window is up.
    store = Store.open(data_dir)
    store.profiles.create("Ana")
    store.close()
    out = _start(data_dir)
    assert "page shown first: Test" in out
    # The safety questions, which open every test: no figure, and the later steps wait.
    assert "test steps built before the window: 1" in out
    assert "results built before the window: False" in out
