"""The Train page: the session builder, the drill player with its cues, the summary."""
