"""The Qt binding we install must not corrupt the interpreter.

PySide6 6.12.0 on Python 3.11 drops a reference to ``True`` on every signal emit; after a
few thousand emits CPython aborts ("bool_dealloc"). pyproject.toml keeps us below it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()
    value = Signal(int)


def test_signal_emit_keeps_reference_counts():
    probe = _Probe()
    received = []
    probe.value.connect(received.append)
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2000):
        probe.ping.emit()
        probe.value.emit(i)
    assert len(received) == 2000
    # Immortal objects (3.12+) report a huge constant; on 3.11 the count must not sink.
    assert sys.getrefcount(True) >= before_true - 10
    assert sys.getrefcount(False) >= before_false - 10
