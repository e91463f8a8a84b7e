"""The CSV file clinics exchange: its columns, how rows are written, and how they are checked.

Written as UTF-8 with a byte-order mark, so Excel recognises the encoding (LibreOffice and
Python ignore the mark), with CRLF line ends and quotes wherever a field holds a comma,
quote or line break. Reading accepts the file with or without the mark, separated by commas,
semicolons (Excel in German, French and other locales) or tabs.

A cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return) is written with a leading apostrophe, as OWASP advises against CSV injection. Reading
takes exactly that apostrophe off again, so what was typed comes back unchanged.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TypeVar

from ankle_gui.core.clock import from_utc_iso, to_utc_iso
from ankle_gui.core.profile import ProfileNameError, clean_note, clean_profile_name, name_key
from ankle_gui.core.records import Felt, Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.units import MAX_PLAUSIBLE_CM

E = TypeVar("E", bound=Enum)

COLUMNS = ("profile", "taken_at", "test", "side", "value_cm", "result", "felt_straight",
           "felt_bent", "phase", "note")
ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
# Plain digits with at most one decimal mark: float() alone would also take "1_0",
# Arabic-Indic or full-width digits, "1e-400", "inf" and "nan".
PLAIN_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+")
MAX_RESULT_LENGTH = 100
# The years (UTC) a result may be dated in: anything outside is a typing or clock error.
FIRST_YEAR, LAST_YEAR = 1900, 2200
MAX_ERRORS_SHOWN = 50
# A header with more fields than this is no ankle_gui file: it is refused before its names
# are compared, and at most MAX_NAMES_SHOWN unknown names are listed.
MAX_FIELDS = 100
MAX_NAMES_SHOWN = 10


@dataclass(frozen=True)
class CsvRecord:
    """One valid row: whose result it is, and the result itself (taken_at in UTC)."""

    line: int
    profile: str
    result: Measurement


@dataclass(frozen=True)
class CsvProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class ParsedCsv:
    records: list[CsvRecord]
    problems: list[CsvProblem]
    delimiter: str = ","

    @property
    def delimiter_name(self) -> str:
        """How the file was read, in words: "comma", "semicolon" or "tab"."""
        return DELIMITERS[self.delimiter]

    @property
    def ok(self) -> bool:
        return not self.problems

    def profile_names(self) -> list[str]:
        seen: dict[str, str] = {}
        for record in self.records:
            seen.setdefault(name_key(record.profile), record.profile)
        return list(seen.values())


# --- writing --------------------------------------------------------------------------------

def _value_text(value_cm: float | None) -> str:
    return "" if value_cm is None else f"{value_cm:.2f}".rstrip("0").rstrip(".")


def taken_at_text(taken_at_utc: str) -> str:
    """The stored UTC time shown in local time with its offset (still one exact instant)."""
    return from_utc_iso(taken_at_utc).astimezone().isoformat()


def defuse_formula(text: str) -> str:
    """The cell as written: text a spreadsheet would run as a formula gets an apostrophe.

    Text that already starts with apostrophes before such a character gets one more, so
    ``restore_formula`` can always tell the two apart.
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def restore_formula(cell: str) -> str:
    """The exact inverse of ``defuse_formula``: the text as it was typed."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def row_for(profile_name: str, r: Measurement) -> list[str]:
    return [defuse_formula(cell) for cell in (
        profile_name, taken_at_text(r.taken_at), r.test.value, r.side.value,
        _value_text(r.value_cm), r.result or "",
        r.felt_straight.value if r.felt_straight else "",
        r.felt_bent.value if r.felt_bent else "", r.phase.value, r.note or "")]


def write_csv(rows: list[tuple[str, Measurement]]) -> bytes:
    """The whole file, header first, as bytes ready to write."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for name, result in rows:
        writer.writerow(row_for(name, result))
    return buffer.getvalue().encode(ENCODING)


# --- reading --------------------------------------------------------------------------------

def _decode(data: bytes) -> tuple[str | None, CsvProblem | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" and some Windows tools write UTF-16.
        return None, CsvProblem(1, "this file is saved as UTF-16. Save it as UTF-8 instead; "
                                   "in Excel choose \u201cCSV UTF-8\u201d.")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if exc.reason == "unexpected end of data":
            return None, CsvProblem(line, "the file ends in the middle of a character, so it "
                                          "is cut off. Export it again")
        return None, CsvProblem(line, (
            f"this is not UTF-8 text (byte 0x{data[exc.start]:02X}). Save the file as "
            "UTF-8; in Excel choose \u201cCSV UTF-8\u201d."))


def _choice(enum: type[E], text: str, what: str) -> E:
    try:
        return enum(text.strip().lower())
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise ValueError(f"{what} {text!r} is not one of: {allowed}") from None


def _taken_at(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("taken_at is empty")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"taken_at {text!r} is not an ISO-8601 date and time "
                         "(for example 2025-03-02T18:05:00+01:00)") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"taken_at {text!r} has no UTC offset such as +01:00 or Z")
    # Judged as the moment it is (UTC), not by the calendar of the zone it was written in:
    # an export in another zone may show a first or last day of the range as 1899 or 2201.
    try:
        stored = to_utc_iso(moment)
    except OverflowError:  # 0001-01-01 east of Greenwich, 9999-12-31 west of it
        raise ValueError(f"taken_at {text!r} is not a plausible date") from None
    if not FIRST_YEAR <= int(stored[:4]) <= LAST_YEAR:
        raise ValueError(f"taken_at {text!r} is not a plausible date")
    return stored


def _value_cm(text: str, test: MeasurementKind) -> float | None:
    text = text.strip()
    if not text:
        if test is MeasurementKind.KNEE_TO_WALL:
            raise ValueError("value_cm is empty; a knee-to-wall result needs a distance")
        return None
    if not PLAIN_NUMBER.fullmatch(text):
        raise ValueError(f"value_cm {text!r} is not a number; write plain digits 0-9 with a dot or "
                         "comma as decimal mark, for example 10.5")
    value = float(text.replace(",", "."))
    if not math.isfinite(value):  # only a number too long for a float could get here
        raise ValueError(f"value_cm {text!r} is not a number")
    if not 0 <= value <= MAX_PLAUSIBLE_CM:
        raise ValueError(f"value_cm {text!r} is outside 0\u2013{MAX_PLAUSIBLE_CM:g} cm")
    return value


def _row(line: int, raw: dict[str, str]) -> CsvRecord:
    try:
        name = clean_profile_name(raw["profile"])
    except ProfileNameError as exc:
        raise ValueError(f"profile: {exc}") from None
    taken_at = _taken_at(raw["taken_at"])
    test = _choice(MeasurementKind, raw["test"], "test")
    side = _choice(Side, raw["side"], "side")
    if test is MeasurementKind.KNEE_TO_WALL and side is Side.BOTH:
        raise ValueError("a knee-to-wall result is for the left or the right side, not both")
    value = _value_cm(raw["value_cm"], test)
    result = raw["result"].strip()
    if len(result) > MAX_RESULT_LENGTH:
        raise ValueError(f"result is longer than {MAX_RESULT_LENGTH} characters")
    felt = [_choice(Felt, raw[k], k) if raw[k].strip() else None
            for k in ("felt_straight", "felt_bent")]
    phase = _choice(Phase, raw["phase"], "phase") if raw["phase"].strip() else Phase.BASELINE
    note = clean_note(raw["note"])
    return CsvRecord(line, name, Measurement(
        test=test, side=side, taken_at=taken_at, value_cm=value, result=result or None,
        felt_straight=felt[0], felt_bent=felt[1], phase=phase, note=note))


def _header_problems(header: list[str]) -> list[str]:
    if len(header) > MAX_FIELDS:  # a wrong file, not a header to list name by name
        return [f"the first line has {len(header):,} fields, far more than the "
                f"{len(COLUMNS)} columns of an ankle_gui file, so the file was not read",
                f"the first line must name these columns: {', '.join(COLUMNS)}"]
    names = [h.strip().lower() for h in header]
    reasons = []
    missing = [c for c in COLUMNS if c not in names]
    unknown = [h for h in names if h not in COLUMNS]
    repeated = sorted(name for name, times in Counter(names).items() if times > 1)
    if missing:
        reasons.append(f"missing column(s): {', '.join(missing)}")
    if unknown:
        shown = ", ".join(repr(u) for u in unknown[:MAX_NAMES_SHOWN])
        more = len(unknown) - MAX_NAMES_SHOWN
        reasons.append(f"unknown column(s): {shown}" + (f" and {more} more" if more > 0 else ""))
    if repeated:
        reasons.append(f"repeated column(s): {', '.join(repeated)}")
    if reasons:
        reasons.append(f"the first line must name these columns: {', '.join(COLUMNS)}")
    return reasons


def detect_delimiter(text: str) -> str:
    """The separator the header line uses: the one that splits it into the most known
    column names (a comma if none does)."""
    header = text.split("\n", 1)[0]

    def known_columns(delimiter: str) -> int:
        return sum(part.strip().strip('"').strip().lower() in COLUMNS
                   for part in header.split(delimiter))

    best = max(DELIMITERS, key=lambda d: (known_columns(d), header.count(d)))
    return best if best in header else ","


def _missing_last_line_end(text: str) -> CsvProblem | None:
    """A file whose lines end in line breaks, except the last one, was probably cut off."""
    body = text.rstrip(" ")
    if not body or body.endswith(("\n", "\r")) or not any(c in body for c in "\r\n"):
        return None
    line = body.count("\n") + 1 if "\n" in body else body.count("\r") + 1
    return CsvProblem(line, (
        "the last line has no line break at its end, unlike the lines before it, so the "
        "file may be cut off. Export it again; if it is whole, add a line break at its end"))


def parse_csv(data: bytes) -> ParsedCsv:
    """Check every row. Any problem means the caller imports nothing."""
    text, problem = _decode(data)
    if text is None:  # _decode names the problem whenever it gives no text
        return ParsedCsv([], [problem] if problem is not None else [])
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return ParsedCsv([], [CsvProblem(line, "the file holds NUL bytes; it is not a CSV "
                                               "text file (or is saved as UTF-16)")])
    delimiter = detect_delimiter(text)
    records, problems = _parse_rows(text, delimiter)
    return ParsedCsv(records if not problems else [], problems, delimiter)


def _parse_rows(text: str, delimiter: str) -> tuple[list[CsvRecord], list[CsvProblem]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    records: list[CsvRecord] = []
    problems: list[CsvProblem] = []
    keys: dict[tuple[object, ...], int] = {}
    header: list[str] | None = None
    line = 1
    try:
        for fields in reader:
            start, line = line, reader.line_num + 1
            if not fields or all(not f.strip() for f in fields):
                continue
            if header is None:
                header = [f.strip().lower() for f in fields]
                problems += [CsvProblem(start, r) for r in _header_problems(header)]
                if problems:
                    return [], problems
                continue
            if len(fields) != len(header):
                problems.append(CsvProblem(start, (
                    f"expected {len(header)} fields, found {len(fields)}"
                    + (" (the file may be cut off)" if len(fields) < len(header) else ""))))
                continue
            cells = [restore_formula(f) for f in fields]
            try:
                record = _row(start, dict(zip(header, cells, strict=True)))
            except ValueError as exc:
                problems.append(CsvProblem(start, str(exc)))
                continue
            r = record.result
            key = (name_key(record.profile), r.taken_at, r.test, r.side, r.phase)
            if key in keys:
                problems.append(CsvProblem(start, (
                    f"repeats line {keys[key]} (same profile, time, test, side and phase)")))
                continue
            keys[key] = start
            records.append(record)
    except csv.Error as exc:
        reason = str(exc)
        if "EOF" in reason or "unexpected end" in reason:
            reason = "the file ends inside a quoted field; it may be cut off"
        problems.append(CsvProblem(line, reason))
    else:
        cut = _missing_last_line_end(text)
        if cut is not None:
            problems.append(cut)
    if header is None and not problems:
        problems.append(CsvProblem(1, "the file is empty; expected a header line naming the "
                                      "columns"))
    return records, problems
