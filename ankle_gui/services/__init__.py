"""Use cases: what the app does, below the widgets and above the store; no Qt here."""
