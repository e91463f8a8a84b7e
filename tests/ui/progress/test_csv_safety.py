"""CSV that cannot be turned against its reader, and that Excel users in any locale can bring."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys

import pytest
from helpers import days_ago, ktw

from ankle_gui.core.csv_format import (
    COLUMNS,
    FORMULA_STARTS,
    defuse_formula,
    parse_csv,
    restore_formula,
)
from ankle_gui.core.records import Side
from ankle_gui.store import Store
from ankle_gui.store.demo import add_demo_profile
from ankle_gui.store.exchange import ImportRefused, export_csv, import_csv

# What a note or a name may start with that a spreadsheet would run, plus their neighbours.
DANGEROUS_NOTES = ["=SUM(1,2)", "=HYPERLINK(\"http://example.com\",\"click\")", "+1+2",
                   "-3+4", "@SUM(1)", "=1+1\nsecond line", "'=already quoted", "''=two quotes",
                   "'plain apostrophe", "-", "a = b", "tab\tinside"]
DANGEROUS_NAMES = ["=Eve", "@home", "-dash", "+plus", "'=Quoted"]


def _snapshot(store) -> list:
    return [(p.name, [(r.taken_at, r.side, r.value_cm, r.note)
                      for r in store.results.for_profile(p.id)]) for p in store.profiles.all()]


@pytest.fixture
def dangerous(store):
    """Profiles and notes that each begin with something a spreadsheet would run."""
    for n, name in enumerate(DANGEROUS_NAMES):
        profile = store.profiles.create(name)
        store.results.add(profile.id, [
            ktw(Side.LEFT, days_ago(40 - i, hour=8 + n), 9.0 + i / 10, note=note)
            for i, note in enumerate(DANGEROUS_NOTES)])
    return store


def test_every_string_comes_back_exactly_after_defusing():
    pieces = ["'", "x", " ", *FORMULA_STARTS]
    for size in range(5):
        for combo in itertools.product(pieces, repeat=size):
            text = "".join(combo)
            cell = defuse_formula(text)
            assert not cell.startswith(FORMULA_STARTS), repr(text)
            assert restore_formula(cell) == text, repr(text)


def test_export_defuses_formulas_and_import_gives_back_what_was_typed(dangerous, tmp_path):
    data = export_csv(dangerous)
    text = data.decode("utf-8-sig")
    assert "'=SUM(1,2)" in text and "'=Eve" in text and "'''=two quotes" in text
    assert ",=" not in text and "\n=" not in text
    parsed = parse_csv(data)
    assert parsed.ok, parsed.problems
    (tmp_path / "other").mkdir()
    other = Store.open(tmp_path / "other")
    try:
        import_csv(other, parsed, create_profiles=True)
        assert _snapshot(other) == _snapshot(dangerous)
        assert export_csv(other) == data
    finally:
        other.close()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (libreoffice-calc-nogui) is not installed")
def test_libreoffice_runs_no_formula_from_an_export(dangerous, tmp_path):
    import openpyxl  # in the test extra
    source = tmp_path / "export.csv"
    source.write_bytes(export_csv(dangerous))
    out = tmp_path / "out"
    # Its own profile folder: LibreOffice must not touch (or wait on) a user's.
    env = {**os.environ, "HOME": str(tmp_path / "lo-home")}
    done = subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1",
                           "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out / "export.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.value for c in cells if c.data_type == "f"] == []
    notes = [row[COLUMNS.index("note")].value for row in sheet.iter_rows(min_row=2)]
    assert len(notes) == len(DANGEROUS_NAMES) * len(DANGEROUS_NOTES)
    assert "'=SUM(1,2)" in notes  # shown as the text it is, not as 3


# --- files cut off ---------------------------------------------------------------------------

def _demo_export(store, catalogue, today) -> bytes:
    add_demo_profile(store, catalogue, today=today)
    return export_csv(store)


def test_a_demo_export_cut_anywhere_in_its_last_row_imports_nothing(store, catalogue, wall):
    data = _demo_export(store, catalogue, wall())
    last_row = data.rindex(b"\r\n", 0, len(data) - 2) + 2
    count = store.results.count()
    for end in range(last_row + 1, len(data) - 1):  # up to, not including, the whole line end
        parsed = parse_csv(data[:end])
        assert not parsed.ok and parsed.records == [], end
        assert any("cut off" in p.reason for p in parsed.problems), (end, parsed.problems)
        with pytest.raises(ImportRefused):
            import_csv(store, parsed, create_profiles=True)
    assert store.results.count() == count
    assert parse_csv(data[:-1]).ok  # cut between CR and LF: every row is whole


def test_a_cut_inside_a_quoted_note_and_a_missing_last_line_end_each_say_why():
    header = ",".join(COLUMNS)
    row = "Sam,2025-03-02T18:05:00+01:00,knee_to_wall,left,10,,,,baseline,"
    inside = parse_csv(f'{header}\r\n{row}"Ten-w'.encode())
    assert [(p.line, "ends inside a quoted field" in p.reason) for p in inside.problems] == \
        [(2, True)]
    no_end = parse_csv(f"{header}\r\n{row}Ten-w".encode())
    assert [p.line for p in no_end.problems] == [2]
    assert "no line break at its end" in no_end.problems[0].reason
    assert no_end.records == []


# --- separators -------------------------------------------------------------------------------

GERMAN_ROWS = [list(COLUMNS),
               ["J\u00fcrgen", "2025-03-02T18:05:00+01:00", "knee_to_wall", "left", "10,5", "",
                "back", "front", "baseline", "Wade, dann besser; gut"],
               ["J\u00fcrgen", "2025-03-02T18:06:00+01:00", "knee_to_wall", "right", "9", "", "",
                "", "", ""]]


def _excel_text(delimiter: str) -> str:
    """As Excel saves it: only fields holding the separator or a quote are quoted."""
    def cell(text: str) -> str:
        return f'"{text}"' if any(c in text for c in (delimiter, '"')) else text
    return "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in GERMAN_ROWS)


GERMAN_EXCEL = _excel_text(";")


@pytest.mark.parametrize("delimiter, name", [(";", "semicolon"), ("\t", "tab"),
                                             (",", "comma")])
def test_the_separator_is_read_from_the_header_and_named(store, delimiter, name):
    parsed = parse_csv(_excel_text(delimiter).encode("utf-8"))
    assert parsed.ok, parsed.problems
    assert (parsed.delimiter, parsed.delimiter_name) == (delimiter, name)
    first, second = (r.result for r in parsed.records)
    assert (first.value_cm, first.note, second.value_cm) == (10.5, "Wade, dann besser; gut", 9)
    import_csv(store, parsed, create_profiles=True)
    assert store.profiles.names() == ["J\u00fcrgen"]


def test_a_semicolon_file_with_a_bad_row_names_its_separator_and_line(store):
    parsed = parse_csv(GERMAN_EXCEL.replace(";10,5;", ";10,5,1;").encode())
    assert parsed.delimiter_name == "semicolon"
    assert [p.line for p in parsed.problems] == [2]


@pytest.mark.slow
def test_cli_imports_a_semicolon_file_and_says_so(data_dir, tmp_path):
    source = tmp_path / "excel_de.csv"
    source.write_bytes(GERMAN_EXCEL.encode("utf-8-sig"))
    done = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", data_dir, "import",
                           "--csv", source, "--create-profiles"], capture_output=True,
                          text=True, timeout=90, cwd=os.environ["HOME"])
    assert done.returncode == 0, done.stderr
    assert "Imported 2 results from a semicolon-separated file" in done.stdout


# --- numbers ----------------------------------------------------------------------------------

HEADER = ",".join(COLUMNS)


def _with_value(value: str) -> bytes:
    return (f'{HEADER}\r\nSam,2025-03-02T18:05:00+01:00,knee_to_wall,left,"{value}",,,,,\r\n'
            ).encode()


@pytest.mark.parametrize("value", [
    "1_0", "\u0663", "\u0661\u0660", "\uff11\uff12", "1e-400", "1e1", "1E1", "inf", "nan",
    "Infinity", "+5", "-0", "0x10", "1 0", "10,5,1", "1.2.3", "10.5.", "1,2.3", ".", ",",
    "\u00bd", "\u2155", "\u0967\u0966", "\U0001d7ce"])
def test_value_cm_takes_plain_digits_only(value):
    parsed = parse_csv(_with_value(value))
    assert not parsed.ok
    assert [p.line for p in parsed.problems] == [2]
    assert "not a number" in parsed.problems[0].reason or "outside" in parsed.problems[0].reason


@pytest.mark.parametrize("value, expected", [("10", 10), ("10.5", 10.5), ("10,5", 10.5),
                                             ("0", 0), (".5", 0.5), ("10.", 10), (" 7 ", 7),
                                             ("010.25", 10.25), ("30", 30)])
def test_value_cm_plain_numbers_still_work(value, expected):
    parsed = parse_csv(_with_value(value))
    assert parsed.ok, parsed.problems
    assert parsed.records[0].result.value_cm == expected
