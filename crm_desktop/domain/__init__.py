"""Pure domain core: vocabulary, labels and business rules (no Qt, no SQLAlchemy, no I/O)."""
