"""Subcommand registration. Each module in ``crm_desktop.cli.commands`` has ``register(reg)``.

Groups such as ``export`` are shared: several modules add their own kinds under one group.
The command modules are listed explicitly (:func:`command_modules`), not discovered: a frozen app has no
package directory to scan, and a static import is what PyInstaller follows.
tests/cli/test_registry.py checks that the list names every module in the package.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from crm_desktop.cli.context import CliContext

Handler = Callable[[CliContext], int | None]


class Registry:
    def __init__(self, root: argparse._SubParsersAction[Any]) -> None:
        self._root = root
        self._groups: dict[str, argparse._SubParsersAction[Any]] = {}

    def command(
        self, name: str, handler: Handler, *, creates_store: bool = False, **kwargs: Any
    ) -> argparse.ArgumentParser:
        """``creates_store``: the command may create a missing SQLite file (``init-db``, ``demo``); every
        other command treats a missing file as a mistyped path and says to run ``crm init-db``."""
        parser: argparse.ArgumentParser = self._root.add_parser(name, **kwargs)
        parser.set_defaults(handler=handler, creates_store=creates_store)
        return parser

    def group(self, name: str, **kwargs: Any) -> argparse._SubParsersAction[Any]:
        """A command with its own subcommands (``crm export scores``); created on first use."""
        if name not in self._groups:
            parser = self._root.add_parser(name, **kwargs)
            sub = parser.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND")
            sub.required = True
            self._groups[name] = sub
        return self._groups[name]

    def subcommand(
        self, group: str, name: str, handler: Handler, *, group_help: str | None = None, **kwargs: Any
    ) -> argparse.ArgumentParser:
        sub = self.group(group, help=group_help) if group_help else self.group(group)
        parser: argparse.ArgumentParser = sub.add_parser(name, **kwargs)
        parser.set_defaults(handler=handler)
        return parser
