"""Clinic mode's screens: the welcome screen, the PIN, the patients dashboard."""
