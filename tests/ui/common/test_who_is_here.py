from ankle_gui.core.clinic import Role
from ankle_gui.services.patient_access import Access
from ankle_gui.ui.common.who_is_here import WhoIsHere


def test_a_new_access_is_announced_and_its_permissions_follow(qtbot):
    who = WhoIsHere(Access(Role.HOME))
    assert not who.in_clinic and who.permissions.can_switch_profile
    with qtbot.waitSignal(who.changed) as seen:
        who.set(Access(Role.WELCOME))
    assert seen.args[0].role is Role.WELCOME
    assert who.in_clinic and not who.permissions.can_switch_profile
    assert not who.permissions.can_open_own_work
