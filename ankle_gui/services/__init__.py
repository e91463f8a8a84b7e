"""Use cases above the store: what the app and the command line do, with no Qt."""
