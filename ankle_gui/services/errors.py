"""The one kind of error the services raise for the user: its message says what to do."""

from __future__ import annotations


class ServiceError(Exception):
    """Something the person can fix or must wait for; nothing was changed."""


class NotAllowed(ServiceError):
    """This session (a patient, the welcome screen) may not do that."""
