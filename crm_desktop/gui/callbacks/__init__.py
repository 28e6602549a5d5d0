"""Views of the call-backs, red-flag cases and complaints register."""
