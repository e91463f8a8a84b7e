"""Windows about the data itself: backups, recovery, and changes made by other programs."""
