"""Application services: use cases with permission checks, one transaction per user action.

Every public service function takes the :class:`~crm_desktop.db.store.Store` and the acting
:class:`~crm_desktop.services.auth.Actor`, checks what the actor may do, and commits at most once.
The GUI and the CLI call these and nothing below them.
"""
