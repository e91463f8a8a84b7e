"""The one-page report, written to PDF and read back with poppler's pdftotext/pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from helpers import TODAY, add_pair, days_ago, ktw

from ankle_gui.core.demo import DEMO_PLAN
from ankle_gui.core.records import Phase, Side
from ankle_gui.core.units import Unit
from ankle_gui.printing.report import write_pdf
from ankle_gui.services.reports import report_content

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) are needed to read the PDF back")

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    # One line (wrapping must not split what we look for), ligatures such as "ﬁ" undone.
    return " ".join(unicodedata.normalize("NFKC", out).split())


def pdf_pages(path) -> tuple[int, tuple[int, int]]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups()
    return pages, (round(float(w)), round(float(h)))


def _local_day(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d")


def _save_plan(store, profile_id: int) -> None:
    store.plans.save(profile_id, DEMO_PLAN, 3)


def test_report_names_the_person_period_numbers_and_sources(wall, qapp, store, profile, catalogue,
                                                            tmp_path):
    first, last = days_ago(40), days_ago(2)
    add_pair(store, profile.id, first, 7.0, 10.0, note="stiff after the weekend")
    add_pair(store, profile.id, days_ago(20), 8.2, 10.4)
    add_pair(store, profile.id, last, 9.5, 11.0)
    _save_plan(store, profile.id)
    out = tmp_path / "report.pdf"
    content = report_content(store, profile, catalogue, now=wall().timestamp())
    assert write_pdf(content, out, "a4") == 1
    assert pdf_pages(out) == (1, A4_POINTS)
    text = pdf_text(out)
    assert "Ankle mobility progress" in text
    assert "Sam" in text
    assert f"Period: {_local_day(first)} to " in text
    for value in ("7.0 cm", "9.5 cm", "10.0 cm", "11.0 cm"):
        assert value in text
    # Left gained 2.5 cm (over the 1.9 cm MDC); right gained 1.0 cm (within error).
    assert re.search(r"Left .*\+2\.5 cm Improvement", text)
    assert re.search(r"Right .*\+1\.0 cm Within measurement error", text)
    assert "gap at the latest test" in text and "1.5 cm" in text
    assert "stiff after the weekend" in text
    # The plan with drill names from the catalogue, and the sources of the numbers.
    assert catalogue.get(DEMO_PLAN[0].drill_id).name in text
    assert "3 sessions a week" in text
    assert "Powden" in text and "Chisholm" in text


def test_letter_paper_and_inches(wall, qapp, store, profile, catalogue, tmp_path):
    store.profiles.set_unit(profile.id, Unit.INCH)
    add_pair(store, profile.id, days_ago(30), 2.54 * 3, 2.54 * 4)
    add_pair(store, profile.id, days_ago(1), 2.54 * 4, 2.54 * 4.5)
    profile = store.profiles.get(profile.id)
    out = tmp_path / "letter.pdf"
    write_pdf(report_content(store, profile, catalogue, now=wall().timestamp()), out, "letter")
    assert pdf_pages(out) == (1, LETTER_POINTS)
    text = pdf_text(out)
    assert "3.0 in" in text and "4.5 in" in text and "+1.0 in" in text
    assert "Units: in" in text


def test_a_chosen_period_leaves_out_what_is_outside_it(wall, qapp, store, profile, tmp_path):
    add_pair(store, profile.id, datetime(2024, 1, 10, 9, tzinfo=UTC), 5.0, 6.0)
    add_pair(store, profile.id, datetime(2024, 3, 10, 9, tzinfo=UTC), 7.3, 8.1)
    add_pair(store, profile.id, datetime(2024, 6, 10, 9, tzinfo=UTC), 9.9, 9.8)
    since = datetime(2024, 2, 1, tzinfo=UTC).timestamp()
    until = datetime(2024, 5, 1, tzinfo=UTC).timestamp()
    out = tmp_path / "period.pdf"
    write_pdf(report_content(store, profile, since=since, until=until, now=wall().timestamp()),
              out, "a4")
    text = pdf_text(out)
    assert "7.3 cm" in text and "8.1 cm" in text
    assert "5.0 cm" not in text and "9.9 cm" not in text
    assert "one result so far" in text


def test_no_results_still_makes_one_sensible_page(wall, qapp, store, profile, tmp_path):
    out = tmp_path / "empty.pdf"
    assert write_pdf(report_content(store, profile, now=wall().timestamp()), out, "a4") == 1
    assert pdf_pages(out)[0] == 1
    text = pdf_text(out)
    assert "No knee-to-wall results in this period" in text
    assert "No plan saved yet" in text


def test_long_name_many_results_and_long_notes_stay_on_one_page(wall, qapp, store, catalogue,
                                                                 tmp_path):
    name = "Maximiliane Alexandra Konstantinopoulou-Wetherington-Smythe von Hohenzollern"
    person = store.profiles.create(name)
    start = TODAY - timedelta(days=3 * 365)
    results = []
    for day in range(0, 3 * 365, 2):
        when = start + timedelta(days=day)
        note = ("Long note with many words about how the ankle felt today, " * 4).strip()
        results += [ktw(Side.LEFT, when, 6 + day / 300, note=note),
                    ktw(Side.RIGHT, when + timedelta(seconds=20), 9 + day / 500),
                    ktw(Side.LEFT, when + timedelta(hours=1), 7 + day / 300, phase=Phase.POST)]
    store.results.add(person.id, results)
    plan = list(DEMO_PLAN) * 4  # sixteen drills
    store.plans.save(person.id, plan, 5)
    out = tmp_path / "busy.pdf"
    content = report_content(store, person, catalogue, now=wall().timestamp())
    assert write_pdf(content, out, "letter") == 1
    assert pdf_pages(out) == (1, LETTER_POINTS)
    text = pdf_text(out)
    assert "Konstantinopoulou" in text and "Hohenzollern" in text
    assert "means" in text  # the chart says it shows averages, not every point
    assert "more drill" in text  # the plan is cut short, and says so


def test_a_missing_folder_is_a_clear_error(wall, qapp, store, profile, tmp_path):
    from ankle_gui.printing.paper import ReportError

    with pytest.raises(ReportError, match="does not exist"):
        write_pdf(report_content(store, profile, now=wall().timestamp()),
                  tmp_path / "nope" / "r.pdf")
