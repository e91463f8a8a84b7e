"""The headless clinic commands, run as real processes from outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from helpers import add_pair, days_ago

from ankle_gui.core.csv_format import COLUMNS
from ankle_gui.store import DB_FILENAME, Store

# Every test runs the command line in a process of its own.
pytestmark = pytest.mark.slow


def _run(*args, timeout=90):
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)  # the report must not need a display of its own
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "ankle_gui", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=timeout,
                          cwd=os.environ["HOME"])


@pytest.fixture
def filled(store, data_dir):
    """Two people with results: the store stays open, as a running app's would."""
    ann = store.profiles.create("Ann Lee")
    bo = store.profiles.create("Bo")
    add_pair(store, ann.id, days_ago(30), 7.0, 9.0, note="first, with a comma")
    add_pair(store, ann.id, days_ago(3), 9.6, 9.4)
    add_pair(store, bo.id, days_ago(5), 11.0, 11.5)
    return data_dir


def _csv_lines(path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def test_export_all_and_one_profile(filled, tmp_path):
    out = tmp_path / "all.csv"
    done = _run("--data-dir", filled, "export", "--csv", out)
    assert done.returncode == 0, done.stderr
    assert "Saved 6 test results" in done.stdout
    lines = _csv_lines(out)
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 7
    one = tmp_path / "bo.csv"
    done = _run("--data-dir", filled, "export", "--csv", one, "--profile", "bo")
    assert done.returncode == 0, done.stderr
    assert [line.split(",")[0] for line in _csv_lines(one)[1:]] == ["Bo", "Bo"]


def test_data_dir_after_the_command_is_honoured_too(filled, tmp_path):
    out = tmp_path / "x.csv"
    done = _run("export", "--data-dir", filled, "--csv", out)
    assert done.returncode == 0, done.stderr
    assert len(_csv_lines(out)) == 7


def test_errors_exit_non_zero_with_a_clear_message(filled, tmp_path):
    done = _run("--data-dir", filled, "export", "--csv", tmp_path / "x.csv", "--profile", "Cy")
    assert done.returncode == 1
    assert "no profile named 'Cy'" in done.stderr and "Ann Lee" in done.stderr
    assert not (tmp_path / "x.csv").exists()
    done = _run("--data-dir", tmp_path / "empty", "export", "--csv", tmp_path / "x.csv")
    assert done.returncode == 1
    assert "no ankle_gui database" in done.stderr
    assert not (tmp_path / "empty").exists()  # looking does not create a data folder
    done = _run("--data-dir", filled, "export", "--csv", tmp_path / "no" / "x.csv")
    assert done.returncode == 1 and "does not exist" in done.stderr  # checked first
    done = _run("--data-dir", filled, "import")
    assert done.returncode == 2 and "--csv" in done.stderr  # argparse names what is missing


def test_import_round_trip_is_all_or_nothing_and_idempotent(filled, tmp_path):
    exported = tmp_path / "all.csv"
    assert _run("--data-dir", filled, "export", "--csv", exported).returncode == 0
    fresh = tmp_path / "clinic2"
    refused = _run("--data-dir", fresh, "import", "--csv", exported)
    assert refused.returncode == 1
    assert "--create-profiles" in refused.stderr and "Ann Lee" in refused.stderr
    assert not (fresh / DB_FILENAME).exists()
    done = _run("--data-dir", fresh, "import", "--csv", exported, "--create-profiles")
    assert done.returncode == 0, done.stderr
    assert "Imported 6 results" in done.stdout and "Ann Lee" in done.stdout
    again = _run("--data-dir", fresh, "import", "--csv", exported)
    assert again.returncode == 0, again.stderr
    assert "Imported 0 results from a comma-separated file; 6 already there" in again.stdout
    copy = Store.open(fresh)
    try:
        assert copy.profiles.names() == ["Ann Lee", "Bo"]
        assert copy.results.count() == 6
    finally:
        copy.close()
    # A file with one bad line in the middle changes nothing, and says where.
    lines = _csv_lines(exported)
    lines[2] = lines[2].replace("knee_to_wall", "knee_to_floor")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run("--data-dir", filled, "import", "--csv", bad)
    assert done.returncode == 1
    assert "nothing was imported" in done.stderr and "line 3:" in done.stderr
    assert "knee_to_floor" in done.stderr


def test_import_into_the_running_apps_folder(filled, tmp_path, store, qapp):
    # The app holds the single-instance lock; the short CLI commands work alongside it.
    from ankle_gui.app.instance import SingleInstance

    held = SingleInstance(filled)
    assert held.acquire()
    try:
        source = tmp_path / "new.csv"
        source.write_text(",".join(COLUMNS) + "\r\nBo,2025-05-01T09:00:00+02:00,knee_to_wall,"
                          "left,12.5,,,,baseline,\r\n", encoding="utf-8-sig")
        done = _run("--data-dir", filled, "import", "--csv", source)
        assert done.returncode == 0, done.stderr
        assert store.results.count(store.profiles.by_name("Bo").id) == 3  # seen by the app
    finally:
        held.release()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_report_to_pdf_with_a_period(filled, tmp_path):
    out = tmp_path / "ann.pdf"
    first = days_ago(30).astimezone().strftime("%Y-%m-%d")
    done = _run("--data-dir", filled, "report", "--profile", "ann lee", "--pdf", out,
                "--from", first, "--to", days_ago(0).astimezone().strftime("%Y-%m-%d"),
                "--paper", "a4")
    assert done.returncode == 0, done.stderr
    assert "Saved the report for Ann Lee (4 knee-to-wall results)" in done.stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Ann Lee" in text and f"Period: {first}" in text
    assert "9.6 cm" in text and "+2.6 cm" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info


def test_report_refuses_bad_dates_and_folders(filled, tmp_path):
    out = tmp_path / "r.pdf"
    done = _run("--data-dir", filled, "report", "--profile", "Bo", "--pdf", out,
                "--from", "31/12/2025")
    assert done.returncode == 1 and "YYYY-MM-DD" in done.stderr
    done = _run("--data-dir", filled, "report", "--profile", "Bo", "--pdf", out,
                "--from", "2025-06-01", "--to", "2025-01-01")
    assert done.returncode == 1 and "is after" in done.stderr
    done = _run("--data-dir", filled, "report", "--profile", "Bo", "--pdf",
                tmp_path / "missing" / "r.pdf")
    assert done.returncode == 1 and "does not exist" in done.stderr
    assert not out.exists()


def test_a_file_with_no_results_into_a_new_folder_creates_nothing(tmp_path, capsys):
    """A header-only CSV made a folder and an empty database (issue 28, 8): the README says
    import refuses to create one without --create-profiles."""
    from ankle_gui.cli.main import main

    source = tmp_path / "header.csv"
    source.write_text(",".join(COLUMNS) + "\r\n", encoding="utf-8")
    fresh = tmp_path / "new-clinic"
    assert main(["--data-dir", str(fresh), "import", "--csv", str(source)]) == 1
    assert "holds no results" in capsys.readouterr().err
    assert not fresh.exists()


def test_a_dash_means_standard_output_and_standard_input(filled, tmp_path):
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)
    exported = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", str(filled),
                               "export", "--csv", "-", "--profile", "Bo"], capture_output=True,
                              env=env, timeout=90, cwd=os.environ["HOME"])
    assert exported.returncode == 0, exported.stderr
    assert not (tmp_path / "-").exists() and not (filled / "-").exists()
    lines = exported.stdout.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(COLUMNS) and len(lines) == 3
    assert b"Saved 2 test results to standard output" in exported.stderr
    other = tmp_path / "other"
    imported = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", str(other),
                               "import", "--csv", "-", "--create-profiles"],
                              input=exported.stdout, capture_output=True, env=env, timeout=90,
                              cwd=os.environ["HOME"])
    assert imported.returncode == 0, imported.stderr
    assert b"Imported 2 results" in imported.stdout


def test_the_usage_line_names_the_program_as_it_was_run(tmp_path):
    for name in ("ankle-gui-cli", "ankle-gui"):
        script = tmp_path / name
        script.write_text(f"#!{sys.executable}\nimport sys\nfrom ankle_gui.cli.main import main\n"
                          "sys.exit(main())\n")
        script.chmod(0o755)
        done = subprocess.run([str(script), "export"], capture_output=True, text=True,
                              timeout=60, cwd=os.environ["HOME"])
        assert done.returncode == 2
        assert done.stderr.startswith(f"usage: {name} export ")
