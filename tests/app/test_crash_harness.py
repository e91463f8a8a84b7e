"""A short run of bench/crash_harness.py: real app, SIGKILL at random moments, nothing lost.

The full run (60+ kills) is `python bench/crash_harness.py`; its figures are in the README.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HARNESS = Path(__file__).resolve().parents[2] / "bench" / "crash_harness.py"


def _harness():
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_sigkill_mid_session_loses_nothing(tmp_path):
    # Each kill 0.2-2 s into the session, however long the start-up took on this machine.
    report = _harness().run_harness(kills=5, workdir=tmp_path, seed=11, min_s=0.2, max_s=2.0,
                                    from_session_start=True)
    assert report.problems == []
    assert report.kills == 5
    assert report.sets_logged > 0 and report.sets_stored >= report.sets_logged
    assert report.resumes_checked >= 1  # the next start carried on the killed session


def test_harness_notices_a_lost_set(tmp_path):
    """The check is not a rubber stamp: a logged set that is not stored is reported."""
    harness = _harness()
    from ankle_gui.core.catalogue import load_catalogue
    from ankle_gui.store import Store

    store = Store.open(tmp_path)
    store.close()
    _, _, problems = harness.check_database(tmp_path / "ankle_gui.sqlite3", {(1, 1)},
                                            load_catalogue())
    assert problems and "missing" in problems[0]


def test_sigterm_mid_session_is_a_clean_quit(tmp_path):
    """Shutdown or logging out (SIGTERM): exit 0, every set kept, nothing left running,
    no -wal, -shm or lock; the next start resumes the interrupted session first."""
    import signal

    report = _harness().run_harness(kills=3, workdir=tmp_path, seed=12, min_s=0.2, max_s=2.0,
                                    sig=signal.SIGTERM, from_session_start=True)
    assert report.problems == []
    assert report.clean_quits == 3
