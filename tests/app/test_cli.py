"""Starting the app from the command line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ankle_gui import __version__
from ankle_gui.app.data_folder import DATA_DIR_ENV, resolve_data_dir
from ankle_gui.store import DB_FILENAME, Store

# Every test starts the app or its command line in a process of its own.
pytestmark = pytest.mark.slow


def _run(*args, env=None, timeout=60, cwd=None):
    # Run from outside the checkout, so the installed package is what starts.
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ankle_gui", *args], capture_output=True,
                          text=True, env=full_env, timeout=timeout,
                          cwd=cwd or os.environ["HOME"])


def test_version():
    out = _run("--version")
    assert out.returncode == 0
    assert __version__ in out.stdout


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from_env"))
    assert resolve_data_dir(str(tmp_path / "from_flag")) == tmp_path / "from_flag"
    assert resolve_data_dir(None) == tmp_path / "from_env"
    monkeypatch.delenv(DATA_DIR_ENV)
    default = resolve_data_dir(None)
    assert "ankle_gui" in str(default)
    assert str(default).startswith(os.environ["HOME"])  # the isolated test home


def test_first_start_creates_the_database_and_demo(tmp_path):
    data = tmp_path / "fresh"
    out = _run("--data-dir", str(data), "--demo", "--quit-after", "300")
    assert out.returncode == 0, out.stderr
    assert (data / DB_FILENAME).exists()
    store = Store.open(data)
    try:
        (demo,) = store.profiles.all()
        assert store.results.count(demo.id) > 40
        assert len(store.training.sessions(demo.id)) >= 20
        assert store.plans.current(demo.id) is not None
    finally:
        store.close()
    # Starting again with --demo does not add a second copy.
    assert _run("--data-dir", str(data), "--demo", "--quit-after", "300").returncode == 0
    store = Store.open(data)
    assert store.profiles.count() == 1
    store.close()


def test_environment_variable_chooses_the_folder(tmp_path):
    data = tmp_path / "via_env"
    out = _run("--quit-after", "200", env={DATA_DIR_ENV: str(data)})
    assert out.returncode == 0, out.stderr
    assert (data / DB_FILENAME).exists()


def test_runs_from_a_source_checkout_too(tmp_path):
    # `python -m ankle_gui` in the repository root imports the source tree, where
    # resources/ is not yet mapped into the package.
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = _run("--data-dir", str(tmp_path / "src"), "--quit-after", "200", cwd=str(root))
    assert out.returncode == 0, out.stderr


# --- no home folder, no data folder (issue 28, 8) --------------------------------------------

@pytest.mark.parametrize("args", [["export", "--csv", "out.csv"], ["--quit-after", "100"]],
                         ids=["a command", "the app"])
def test_no_home_and_no_data_dir_is_explained(tmp_path, args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("HOME", "XDG_DATA_HOME", DATA_DIR_ENV)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    existed = os.path.exists("/.local/share/ankle_gui")
    done = subprocess.run([sys.executable, "-m", "ankle_gui", *args], capture_output=True,
                          text=True, env=env, timeout=60, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "HOME" in done.stderr and "--data-dir" in done.stderr
    assert "Errno" not in done.stderr and "Traceback" not in done.stderr
    assert os.path.exists("/.local/share/ankle_gui") == existed  # nothing made at the root


def test_a_data_folder_that_cannot_be_made_is_explained(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    done = _run("--data-dir", str(blocker / "data"), "--quit-after", "100")
    assert done.returncode == 2, done.stderr
    assert f"The data folder {blocker / 'data'} could not be made" in done.stderr
    assert "--data-dir" in done.stderr and "[Errno" not in done.stderr
