"""One module per area; each defines ``register(reg: Registry)``.

The list is explicit, not discovered: a frozen build has no package directory to scan, and a command
that is not listed here does not exist (``tests/cli/test_packaging_cli.py`` checks the list is complete).
"""

from __future__ import annotations

from types import ModuleType


def command_modules() -> list[ModuleType]:
    """Every command module, in the order their commands appear in ``crm --help``."""
    from crm_desktop.cli.commands import (
        admin,
        audit,
        callbacks,
        campaigns,
        clients,
        dashboard,
        demo,
        flow,
        importer,
        keys,
        letters,
        notifications,
        reassign,
        scoring,
        service,
        store,
        suitability,
    )

    return [
        admin,
        audit,
        callbacks,
        campaigns,
        clients,
        dashboard,
        demo,
        flow,
        importer,
        keys,
        letters,
        notifications,
        reassign,
        scoring,
        service,
        store,
        suitability,
    ]
