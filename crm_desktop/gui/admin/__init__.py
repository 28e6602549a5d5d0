"""Settings and administration views."""
