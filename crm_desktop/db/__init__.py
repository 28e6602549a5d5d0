"""Data layer: SQLAlchemy 2.0 models, store opening and migrations."""
