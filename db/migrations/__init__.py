"""Alembic history; installed as ``crm_desktop._migrations`` (Alembic itself loads these files by path)."""
