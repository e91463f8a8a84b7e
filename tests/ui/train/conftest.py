"""The player's tests share one Train page, driven by a fake monotonic clock."""

from __future__ import annotations

import pytest


class FakeClock:
    """The player's monotonic clock, moved on by hand."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def page(qtbot, store, catalogue, profile, clock, cue_services):
    """A Train page for ``profile`` at 1366×768, shown and active, on the fake clock."""
    from ankle_gui.ui.common.current_profile import CurrentProfile
    from ankle_gui.ui.train.train_page import TrainPage

    current = CurrentProfile(store)
    current.set(profile)
    page = TrainPage(store, catalogue, current, cue_services=cue_services, clock=clock)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    return page
