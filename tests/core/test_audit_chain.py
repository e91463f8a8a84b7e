"""The audit log's hash chain, as pure Python: canonical, and every break found and named."""

from __future__ import annotations

from ankle_gui.core.audit_chain import GENESIS, ChainedEntry, Head, canonical, next_entry, verify

AT = "2026-12-07T09:00:00.000000+00:00"


def chain(n: int) -> list[ChainedEntry]:
    entries, head = [], None
    for i in range(n):
        entry = next_entry(head, AT, "patient", "patient_opened", i, f"entry {i + 1}")
        entries.append(entry)
        head = Head(entry.id, entry.hash)
    return entries


def test_the_canonical_form_does_not_depend_on_how_a_database_gives_the_time_back():
    """PostgreSQL (issue 26) may hand a time back in another shape: the same moment hashes
    the same."""
    stored = canonical(1, AT, "patient", "export", 7, "PDF, Zoë", GENESIS)
    for other in ("2026-12-07T09:00:00+00:00", "2026-12-07T10:00:00+01:00",
                  "2026-12-07T09:00:00.000000Z"):
        assert canonical(1, other, "patient", "export", 7, "PDF, Zoë", GENESIS) == stored
    assert stored.isascii() and b'"detail":"PDF, Zo\\u00eb"' in stored
    assert canonical(1, AT, "patient", "export", None, "", GENESIS) != canonical(
        1, AT, "patient", "export", 0, "", GENESIS)


def test_an_untouched_chain_holds():
    entries = chain(5)
    check = verify(entries, Head(5, entries[-1].hash))
    assert check.ok and check.checked == 5 and check.head == Head(5, entries[-1].hash)
    assert entries[0].prev_hash == GENESIS
    assert verify([], None).ok


def test_a_changed_entry_is_named():
    entries = chain(5)
    entries[2] = entries[2]._replace(actor="clinician")
    check = verify(entries, Head(5, entries[-1].hash))
    assert not check.ok and check.first_broken == 3 and "changed" in check.reason
    assert check.broken == {3}


def test_deleted_entries_in_the_middle_are_named():
    entries = chain(6)
    kept = entries[:2] + entries[4:]
    check = verify(kept, Head(6, entries[-1].hash))
    assert not check.ok and check.first_broken == 3 and check.missing == (3, 4)
    assert "entries 3\u20134 were deleted" in check.reason


def test_deleted_entries_at_the_end_are_found_by_the_head():
    entries = chain(6)
    check = verify(entries[:4], Head(6, entries[-1].hash))
    assert not check.ok and check.first_broken == 5 and check.missing == (5, 6)


def test_a_renumbered_chain_after_a_delete_still_breaks():
    """Deleting entry 3 and moving 4–6 down by one leaves hashes that no longer match."""
    entries = chain(6)
    moved = entries[:2] + [e._replace(id=e.id - 1) for e in entries[3:]]
    check = verify(moved, Head(5, entries[-1].hash))
    assert not check.ok and check.first_broken == 3


def test_an_entry_added_outside_the_app_breaks_at_the_head():
    entries = chain(3)
    extra = next_entry(Head(3, entries[-1].hash), AT, "clinician", "export", None, "")
    check = verify([*entries, extra], Head(3, entries[-1].hash))
    assert not check.ok and check.first_broken == 4
