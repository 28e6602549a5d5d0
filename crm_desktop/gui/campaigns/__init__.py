"""The campaigns area: segments, campaigns with their funnel, information push."""
