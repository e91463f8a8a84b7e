"""Step 2: the fist width the screen is measured against (once per profile)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QRadioButton, QWidget

from ankle_gui.core.assessment import FIST_DEFAULT_CM
from ankle_gui.core.screening import FIST_SOURCE
from ankle_gui.core.units import Unit, format_length
from ankle_gui.ui.common.length_field import LengthField
from ankle_gui.ui.screening.screening_step import ScreeningStep

FIST_MAX_CM = 20.0  # the database refuses more; no fist is that wide
MEN, WOMEN, OWN, DIRECT = "men", "women", "own", "direct"


def _both_units(value_cm: float, unit: Unit) -> str:
    other = Unit.CM if unit is Unit.INCH else Unit.INCH
    return f"{format_length(value_cm, unit)} ({format_length(value_cm, other)})"


class FistWidthStep(ScreeningStep):
    title = "Your fist width"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            ["The screen asks whether your knee gets past your toes by at least the width of "
             "your own fist, so the bar suits your size.",
             "Make a fist and measure straight across the knuckles, from the first finger to "
             "the little finger. You only need to do this once; it is kept with your profile.",
             "No tape to hand? A typical width is fine to start with."],
            FIST_SOURCE, "fist_width_screen", parent)
        self._unit = Unit.CM
        self.group = QButtonGroup(self)
        self.menRadio = QRadioButton()
        self.menRadio.setObjectName("fistMen")
        self.womenRadio = QRadioButton()
        self.womenRadio.setObjectName("fistWomen")
        self.ownRadio = QRadioButton("My own fist measures")
        self.ownRadio.setObjectName("fistOwn")
        self.directRadio = QRadioButton(
            "No number: I will hold my fist at my toes and say whether my knee passes it")
        self.directRadio.setObjectName("fistDirect")
        self.ownField = LengthField("fistWidthEdit", max_cm=FIST_MAX_CM,
                                    beyond="is wider than any fist")
        self.message.setObjectName("fistWidthMessage")
        for radio in (self.menRadio, self.womenRadio, self.ownRadio, self.directRadio):
            # As big as the answer buttons on the other steps: read and hit from a distance.
            radio.setMinimumHeight(40)
            radio.setStyleSheet("QRadioButton { font-size: 13pt; spacing: 10px; }"
                                "QRadioButton::indicator { width: 22px; height: 22px; }")
        grid = QGridLayout()
        grid.setVerticalSpacing(6)
        for row, radio in enumerate((self.menRadio, self.womenRadio, self.ownRadio,
                                     self.directRadio)):
            self.group.addButton(radio, row)
            grid.addWidget(radio, row, 0, 1, 2 if radio is not self.ownRadio else 1)
        grid.addWidget(self.ownField, 2, 1)
        grid.setColumnStretch(1, 1)
        self.inputs.addLayout(grid)
        self.inputs.addWidget(self.message)
        self.ownField.edit.textEdited.connect(lambda _t: self.ownRadio.setChecked(True))
        self.group.idClicked.connect(lambda _i: self.message.setText(""))
        self.set_unit(Unit.CM)

    def set_unit(self, unit: Unit) -> None:
        self._unit = unit
        self.ownField.set_unit(unit)
        self.menRadio.setText(f"About {_both_units(FIST_DEFAULT_CM['men'], unit)}, "
                              "a typical fist for men")
        self.womenRadio.setText(f"About {_both_units(FIST_DEFAULT_CM['women'], unit)}, "
                                "a typical fist for women")

    def load(self, fist_width_cm: float | None) -> None:
        """Pre-select what the profile already has."""
        self.message.setText("")
        self.ownField.clear()
        if fist_width_cm is None:
            self.group.setExclusive(False)
            for b in self.group.buttons():
                b.setChecked(False)
            self.group.setExclusive(True)
            return
        for key, radio in ((MEN, self.menRadio), (WOMEN, self.womenRadio)):
            if abs(FIST_DEFAULT_CM[key] - fist_width_cm) < 0.01:
                radio.setChecked(True)
                return
        self.ownField.set_cm(fist_width_cm)
        self.ownRadio.setChecked(True)

    def choice(self) -> str | None:
        return {0: MEN, 1: WOMEN, 2: OWN, 3: DIRECT}.get(self.group.checkedId())

    def fist_width_cm(self) -> float | None:
        """The width to screen against; None when the user answers the screen directly."""
        choice = self.choice()
        if choice in (MEN, WOMEN):
            return FIST_DEFAULT_CM[choice]
        if choice == OWN:
            return self.ownField.value_cm()
        return None

    def problem(self) -> str:
        return "Pick one of the four options." if self.choice() is None else ""

    def validate(self) -> bool:
        """The choice, then the width typed (its field says what is wrong with it)."""
        if not super().validate():
            return False
        if self.choice() == OWN and not self.ownField.validate():
            return False
        if self.choice() == OWN and self.ownField.value_cm() == 0:
            self.ownField.message.setText("A fist is wider than zero.")
            return False
        return True
