"""Small widgets, the style and the current-profile holder that every page shares."""
