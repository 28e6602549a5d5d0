"""Entry point of ``crm``: parse, dispatch, and map errors to the documented exit codes."""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import sys
from collections.abc import Sequence

from crm_desktop import __version__
from crm_desktop.cli import argparse_zh
from crm_desktop.cli.commands import command_modules
from crm_desktop.cli.context import CliContext
from crm_desktop.cli.identifiers import check_identifiers
from crm_desktop.cli.registry import Registry
from crm_desktop.errors import Cancelled, CrmError
from crm_desktop.i18n import language_from_env, set_language, tr

log = logging.getLogger("crm_desktop.cli")

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INVALID, EXIT_DENIED, EXIT_CONFLICT, EXIT_STORE = 0, 1, 2, 3, 4, 5, 6


def _plain_error(exc: BaseException) -> str:
    """An exception for a person: a database error's own first line, never the SQL or its parameters."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE,
            tr("{prog}: 用法错误：{msg}\n", "{prog}: usage error: {msg}\n", prog=self.prog, msg=message),
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="crm",
        description=tr("证券营业部客户关系管理（命令行）", "Brokerage-branch CRM (command line)"),
    )
    parser.add_argument("--version", action="version", version=f"crm {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help=tr(
            "数据库地址（默认：CRM_DATABASE_URL 或用户数据目录中的 SQLite 文件）",
            "database URL (default: CRM_DATABASE_URL or the SQLite file in the user data dir)",
        ),
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=tr("界面语言", "message language"))
    root = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    root.required = True
    reg = Registry(root)
    for module in command_modules():
        module.register(reg)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a frozen build re-enters here to start a worker process
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the parser's help texts are built.
    lang = None
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    set_language(lang or language_from_env())
    argparse_zh.install()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    ctx = CliContext(args)
    try:
        check_identifiers(args)
        rc = args.handler(ctx)
        return EXIT_OK if rc is None else int(rc)
    except Cancelled as exc:
        # Not an error: the person asked for it. The message says what was kept.
        ctx.warn(exc.message)
        return exc.exit_code
    except CrmError as exc:
        ctx.warn(tr("错误：{msg}", "error: {msg}", msg=exc.message))
        for line in exc.details:
            ctx.warn("  " + line)
        return exc.exit_code
    except KeyboardInterrupt:
        ctx.warn(tr("已中断。", "Interrupted."))
        return 130
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        log.debug("unexpected error", exc_info=True)
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            ctx.warn(
                tr(
                    "错误：与数据库的连接中断：{msg}。请检查网络和数据库服务器后重试。",
                    "error: the connection to the store was lost: {msg}. Check the network and the database "
                    "server, then try again.",
                    msg=_plain_error(exc),
                )
            )
            return EXIT_STORE
        ctx.warn(
            tr(
                "意外错误：{kind}: {msg}（请把这条信息报告给系统管理员）",
                "unexpected error: {kind}: {msg} (please report this to your administrator)",
                kind=type(exc).__name__,
                msg=_plain_error(exc),
            )
        )
        return EXIT_ERROR
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
