"""What the dashboard says as the clinician arrives: what happened at the screen since the
last unlock, who still needs a code, and whether a recovery code is missing."""

from __future__ import annotations


def arrival_lines(counts: dict[str, int], without_code: int,
                  has_recovery_code: bool) -> tuple[list[str], bool]:
    """(the lines to show, whether any is a warning about tries at the screen)."""
    parts = []
    if counts["pin"]:
        parts.append(f"{counts['pin']} wrong PIN(s)")
    if counts["code"]:
        parts.append(f"{counts['code']} wrong patient code(s)")
    if counts["waits"]:
        parts.append(f"{counts['waits']} wait(s) typed into")
    lines = []
    if parts:
        lines.append(f"Since you last unlocked: {', '.join(parts)} (see Audit log\u2026).")
    if without_code:
        lines.append(f"{without_code} patient(s) have no code (codes have 8 digits now): "
                     "pick one and press Code slip\u2026 to give a new one.")
    if not has_recovery_code:
        lines.append("No recovery code for a forgotten PIN: make one in Clinic "
                     "settings\u2026.")
    return lines, bool(parts)
