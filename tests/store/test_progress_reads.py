"""The Progress page's reads: handed back again until something is written, and a read of a
range holds exactly what the whole history holds for that range."""

from __future__ import annotations

from datetime import timedelta

from helpers import add_pair, days_ago, ktw

from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.progress import build_view
from ankle_gui.core.records import CompletedSet, SessionStatus, Side
from ankle_gui.store import Store


def _session(store, profile_id: int, begun, sides=(Side.LEFT, Side.RIGHT),
             resumed_after: timedelta | None = None) -> int:
    """A finished session with one set per side; with ``resumed_after``, the last set is
    done that much later (a session resumed after a crash)."""
    sid = store.training.start_session(profile_id, [], started_at=to_utc_iso(begun))
    for k, side in enumerate(sides):
        start = begun + timedelta(minutes=2 * k)
        if resumed_after is not None and k == len(sides) - 1:
            start += resumed_after
        store.training.record_set(sid, CompletedSet(k, "ankle_3way_mob", side, 1,
                                                    to_utc_iso(start),
                                                    to_utc_iso(start + timedelta(seconds=90))))
    store.training.finish_session(sid, SessionStatus.COMPLETED,
                                  ended_at=to_utc_iso(begun + timedelta(minutes=10)))
    return sid


def _history(store) -> int:
    sam = store.profiles.create("Sam")
    for day in range(200, 0, -3):
        add_pair(store, sam.id, days_ago(day), 8 + day / 100, 9 + day / 100)
        _session(store, sam.id, days_ago(day, hour=18))
    # Started before the 3-month line, its last set done after it (resumed 3 days later).
    _session(store, sam.id, days_ago(93, hour=19), resumed_after=timedelta(days=3))
    store.plans.save(sam.id, [], 3)
    return sam.id


def test_the_last_read_comes_back_until_something_is_written(store, data_dir):
    sam = _history(store)
    first = store.progress.load(sam)
    assert store.progress.load(sam) is first
    # Written here: a new result.
    store.results.add(sam, [ktw(Side.LEFT, days_ago(0), 9.5)])
    second = store.progress.load(sam)
    assert second is not first and len(second.measures) == len(first.measures) + 1
    # Written by another program (a clinic command's import, say).
    other = Store.open(data_dir)
    try:
        _session(other, sam, days_ago(0, hour=20))
    finally:
        other.close()
    third = store.progress.load(sam)
    assert third is not second and len(third.sessions) == len(second.sessions) + 1
    # A rating added later changes a row, not the count.
    store.db.execute("UPDATE training_sessions SET pain = 4 WHERE id = (SELECT max(id) "
                     "FROM training_sessions)")
    assert store.progress.load(sam).sessions[-1].pain == 4


def test_the_whole_contents_replaced_is_read_again(store, tmp_path):
    from ankle_gui.services.copies import DataCopies

    sam = _history(store)
    copies = DataCopies(store)
    backup = copies.make_backup()
    before = store.progress.load(sam)
    store.results.add(sam, [ktw(Side.LEFT, days_ago(0), 12.0)])
    with_new = store.progress.load(sam)
    assert len(with_new.measures) == len(before.measures) + 1
    copies.restore(backup)  # through SQLite's backup API: no row counted as changed here
    assert len(store.progress.load(sam).measures) == len(before.measures)


def test_a_range_read_holds_what_the_whole_history_holds_for_it(store):
    sam = _history(store)
    whole = store.progress.load(sam)
    since = days_ago(91).timestamp()
    part = store.progress._read(sam, since)  # a read of its own, not the kept one
    assert part.measures == whole.measures_between(since, None)
    assert part.sets == whole.sets_between(since, None)
    assert part.sessions == whole.sessions_between(since, None)
    assert (part.first_session_t, part.sessions_per_week) == (whole.first_session_t, 3)
    assert part.earlier_results and not part.empty
    # The resumed session's side whose first set was before the line stays out; the side
    # done after the resume is in, as in the whole history.
    resumed = [s for s in whole.sets if days_ago(94).timestamp() < s.t < days_ago(80).timestamp()]
    assert [s for s in resumed if s.t >= since] == [s for s in part.sets if s in resumed]
    now = days_ago(0, hour=23).timestamp()
    assert build_view(part, "3m", now) == build_view(whole, "3m", now)


def test_a_range_with_no_results_is_not_an_empty_history(store):
    sam = store.profiles.create("Sam")
    add_pair(store, sam.id, days_ago(300), 8.0, 9.0)
    part = store.progress.load(sam.id, days_ago(91).timestamp())
    assert part.measures == [] and not part.empty
    assert store.progress.load(store.profiles.create("Kim").id, days_ago(91).timestamp()).empty


def test_a_longer_range_reads_more_and_a_shorter_one_reuses_it(store):
    sam = _history(store)
    short = store.progress.load(sam, days_ago(28).timestamp())
    assert store.progress.load(sam, days_ago(20).timestamp()) is short
    whole = store.progress.load(sam)
    assert whole is not short and whole.since is None
    assert store.progress.load(sam, days_ago(28).timestamp()) is whole
