"""A guard against a PySide6 6.12 reference-count bug, active only where it bites.

On CPython 3.11, ``SignalInstance.emit()`` in PySide6 6.12.0 returns ``True`` without taking
a reference to it. Every emit lowers ``True``'s reference count by one; a few thousand
emits later (pyqtgraph emits hundreds per redraw) Python aborts with "bool_dealloc:
deallocating True". From Python 3.12 on, True and False are immortal and the bug is
harmless. ``guard_bool_refcounts`` measures whether emit leaks here and, only if it does,
gives True and False a reference count so large that the leak can never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_GUARDED = False
_HEADROOM = 1 << 40  # a trillion emits


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true(tries: int = 20) -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(tries):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - tries // 2


def guard_bool_refcounts() -> bool:
    """Apply the guard if this PySide6 leaks; returns whether it is (now) applied."""
    global _GUARDED
    if _GUARDED:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not emit_leaks_true():
        return False
    for flag in (True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(flag)).value += _HEADROOM
    _GUARDED = True
    return True
