"""When to see a clinician, said once for the Test page, the printed report and the handout.

It gathers the three rules that can send someone to a clinician, each with its own source:
the safety check before the test (core/red_flags.py), a real loss or weeks without gain
(core/referral.py), and the pain rules at home (core/pain_rules.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ankle_gui.core.pain_rules import PAIN_RULE_SOURCE, Advice, PainVerdict
from ankle_gui.core.prescription import HeldDrill, held_line
from ankle_gui.core.red_flags import Finding, referrals
from ankle_gui.core.referral import LOSS_SOURCE, REFERRAL_SOURCE, Concern, SideConcern, concern_text
from ankle_gui.core.units import Unit


@dataclass(frozen=True)
class ClinicianAdvice:
    heading: str                 # "See a doctor today", "See a clinician first", …
    lines: tuple[str, ...]       # one paragraph per reason, in plain words
    sources: tuple[str, ...]     # the works the reasons rest on
    urgent: bool = False


def finding_line(f: Finding) -> str:
    where = f.side_words()
    return (f"{where + ': ' if where else ''}{f.title}. {f.advice} Held back until then: "
            f"{f.what_is_held}.")


def clinician_advice(found: Sequence[Finding], concerns: Sequence[SideConcern],
                     pain: PainVerdict | None, held: Sequence[HeldDrill] = (),
                     unit: Unit = Unit.CM) -> ClinicianAdvice | None:
    """The advice to show, most pressing first; None when nothing calls for a clinician.

    A pain verdict that only asks to ease the dose is said too, under a milder heading."""
    flags = referrals(found)
    lines = [finding_line(f) for f in flags]
    sources = [f.source for f in flags]
    if held:
        lines.append(held_line(list(held)))
    for c in concerns:
        lines.append(concern_text(c, unit))
        sources.append(LOSS_SOURCE if c.is_loss else REFERRAL_SOURCE)
    if pain is not None and pain.broken:
        lines.append(pain.words())
        sources.append(PAIN_RULE_SOURCE)
    if not lines:
        return None
    urgent = any(f.urgent for f in flags)
    if urgent:
        heading = "See a doctor today"
    elif flags:
        heading = "See a clinician first"
    elif concerns or (pain is not None and pain.advice is Advice.SEE_PHYSIO):
        heading = ("Pause and see your physio"
                   if any(c.kind is Concern.LOSS_WITH_PAIN for c in concerns)
                   or (pain is not None and pain.advice is Advice.SEE_PHYSIO)
                   else "Time to see a clinician")
    else:
        heading = "Ease the dose"
    return ClinicianAdvice(heading, tuple(lines), tuple(dict.fromkeys(sources)), urgent)
