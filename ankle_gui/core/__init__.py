"""The domain: pure Python, no Qt. Everything here runs under a plain interpreter."""
