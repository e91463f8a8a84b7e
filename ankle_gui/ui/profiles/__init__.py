"""The Profiles page and the profile bar at the top of the window."""
