"""The domain core: coded words with their labels, and the pure business rules (no Qt, no store, no I/O)."""
