"""Thin Qt widgets. They show what core/ decides and save through store/."""
