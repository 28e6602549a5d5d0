"""What every ``crm export …`` command shares: the optional ``--purpose`` that goes into the audit."""

from __future__ import annotations

import argparse

from crm_desktop.i18n import tr


def add_purpose_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--purpose",
        metavar="TEXT",
        help=tr(
            "导出用途（记入审计日志，例如“季度回访名单”）",
            "why the data leaves the application (kept in the audit log, e.g. “quarterly call list”)",
        ),
    )
