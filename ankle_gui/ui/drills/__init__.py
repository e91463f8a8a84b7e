"""The Drills page: the catalogue and the drill figure."""
