"""Create, rename, switch and delete profiles: one per person. Every change goes through
services/profiles.py, which checks who is at the screen (in clinic mode, the clinician)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clinic import Role
from ankle_gui.core.clock import Clock, local_display, utc_now
from ankle_gui.core.profile import MAX_NAME_LENGTH, Profile
from ankle_gui.core.units import Unit
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access
from ankle_gui.services.profiles import Profiles
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.widgets import label, set_role
from ankle_gui.ui.profiles.rename_dialog import RenameProfileDialog


class ProfilesPage(QWidget):
    profilesChanged = Signal()

    def __init__(self, store: Store, current: CurrentProfile, parent: QWidget | None = None,
                 *, access: Callable[[], Access] = lambda: Access(Role.HOME),
                 clock: Clock = utc_now):
        super().__init__(parent)
        self.setObjectName("pageProfiles")
        self._store = store
        self._current = current
        self._access = access   # who is at the screen: the service checks what they may do
        self._profile_service = Profiles(store, clock)

        self.title = label("Profiles", "title")
        self.intro = label("", "hint")

        create_box = QGroupBox("New profile")
        self.nameEdit = QLineEdit()
        self.nameEdit.setObjectName("profileNameEdit")
        self.nameEdit.setPlaceholderText("Name, e.g. “Sam” or a patient number")
        self.nameEdit.setMaxLength(MAX_NAME_LENGTH * 2)  # longer input gets a message, not a cut
        self.unitCombo = QComboBox()
        self.unitCombo.setObjectName("profileUnitCombo")
        self.unitCombo.addItem("Centimetres (cm)", Unit.CM.value)
        self.unitCombo.addItem("Inches (in)", Unit.INCH.value)
        self.createButton = QPushButton("Create profile")
        self.createButton.setObjectName("createProfileButton")
        self.createButton.setProperty("role", "primary")
        self.nameMessage = label("", "error")
        self.nameMessage.setObjectName("profileNameMessage")
        form = QFormLayout(create_box)
        form.addRow("Name", self.nameEdit)
        form.addRow("Measure in", self.unitCombo)
        form.addRow("", self.createButton)
        form.addRow("", self.nameMessage)

        list_box = QGroupBox("Everyone on this computer")
        self.list = QListWidget()
        self.list.setObjectName("profileList")
        self.useButton = QPushButton("Switch to this profile")
        self.useButton.setObjectName("useProfileButton")
        self.renameButton = QPushButton("Rename…")
        self.renameButton.setObjectName("renameProfileButton")
        self.unitButton = QPushButton("Change unit")
        self.unitButton.setObjectName("changeUnitButton")
        self.deleteButton = QPushButton("Delete…")
        self.deleteButton.setObjectName("deleteProfileButton")
        self.deleteButton.setProperty("role", "danger")
        buttons = QHBoxLayout()
        for b in (self.useButton, self.renameButton, self.unitButton):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.deleteButton)
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.list)
        list_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(create_box)
        layout.addWidget(list_box, 1)

        self.createButton.clicked.connect(self.create_from_form)
        self.nameEdit.returnPressed.connect(self.create_from_form)
        self.nameEdit.textEdited.connect(lambda _t: self.nameMessage.clear())
        self.useButton.clicked.connect(self._use_selected)
        self.list.itemActivated.connect(lambda _i: self._use_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.renameButton.clicked.connect(self._rename_selected)
        self.unitButton.clicked.connect(self._toggle_unit)
        self.deleteButton.clicked.connect(self._delete_selected)
        current.changed.connect(lambda _p: self.refresh())
        self.refresh()

    # --- actions -------------------------------------------------------------------------

    def create_from_form(self) -> Profile | None:
        try:
            profile = self._profile_service.create(self._access(), self.nameEdit.text(),
                                            unit=Unit(self.unitCombo.currentData()))
        except ServiceError as exc:
            self._show_name_error(str(exc))
            return None
        self.nameEdit.clear()
        self.nameMessage.clear()
        self.profilesChanged.emit()
        self._current.switch_to(profile, cancelled=self.refresh)  # kept, but not opened
        return profile

    def rename(self, profile_id: int, new_name: str) -> Profile:
        """Raises ServiceError, and changes nothing, for a name that cannot be used."""
        renamed = self._profile_service.rename(self._access(), profile_id, new_name)
        self.profilesChanged.emit()
        if self._current.id == profile_id:
            self._current.reload()
        else:
            self.refresh()
        return renamed

    def delete(self, profile_id: int) -> None:
        """Raises ServiceError, and deletes nothing, when this session may not."""
        self._profile_service.delete(self._access(), profile_id)
        self.profilesChanged.emit()
        if self._current.id == profile_id:
            remaining = self._store.profiles.all()
            self._current.set(remaining[0] if remaining else None)
        else:
            self.refresh()

    # --- view ----------------------------------------------------------------------------

    def refresh(self) -> None:
        profiles = self._store.profiles.all()
        selected = self._selected_id()
        if selected not in {p.id for p in profiles}:  # just deleted: fall back to who is open
            selected = self._current.id
        self.list.clear()
        for p in profiles:
            marker = "  ✓ current" if p.id == self._current.id else ""
            item = QListWidgetItem(f"{p.name}   ·   {p.unit.label}   ·   since "
                                   f"{local_display(p.created_at, with_time=False)}{marker}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
            if p.id == selected:
                self.list.setCurrentItem(item)
        if profiles:
            self.intro.setText("Each person has their own profile, so results never mix. "
                               "Pick yours, or add someone new.")
        else:
            self.intro.setText("Welcome! Start by creating a profile for the person who will "
                               "train. Everything they record is kept on this computer.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self._selected_id() is not None
        for b in (self.useButton, self.renameButton, self.unitButton, self.deleteButton):
            b.setEnabled(has)

    def _selected_id(self) -> int | None:
        # The highlight, not the current item: focus or a ctrl-click leave a current item
        # that nothing shows as picked.
        items = self.list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _show_name_error(self, text: str) -> None:
        self.nameMessage.setText(text)
        set_role(self.nameMessage, "error")

    def _use_selected(self) -> None:
        pid = self._selected_id()
        if pid is not None:
            self._current.switch_to(self._store.profiles.get(pid))

    def _rename_selected(self) -> RenameProfileDialog | None:
        pid = self._selected_id()
        if pid is None:
            return None
        return self.open_rename(pid)

    def open_rename(self, profile_id: int) -> RenameProfileDialog:
        """The rename dialog, not blocking: clinic mode's lock closes it like any other."""
        dialog = RenameProfileDialog(self._store.profiles.get(profile_id).name,
                                     lambda name: self.rename(profile_id, name), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _toggle_unit(self) -> None:
        pid = self._selected_id()
        if pid is None:
            return
        try:
            self._profile_service.toggle_unit(self._access(), pid)
        except ServiceError as exc:
            self._refused(str(exc))
            return
        self.profilesChanged.emit()
        if pid == self._current.id:
            self._current.reload()
        else:
            self.refresh()

    def _delete_selected(self) -> None:
        pid = self._selected_id()
        if pid is None:
            return
        profile = self._store.profiles.get(pid)
        n_results = self._store.results.count(pid)
        n_sets = self._store.training.set_count(pid)
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete profile",
                          f"Delete {profile.name}?", parent=self)
        box.setInformativeText(
            f"This also deletes all of {profile.name}'s data: {n_results} test results and "
            f"{n_sets} completed sets. It cannot be undone.")
        delete = box.addButton("Delete profile and data", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is delete:
            try:
                self.delete(pid)
            except ServiceError as exc:
                self._refused(str(exc))

    def _refused(self, text: str) -> None:
        QMessageBox.warning(self, "Nothing was changed", text)
        self.refresh()
