"""Suitability views: the branch manager's register and the client 360° suitability panel."""
