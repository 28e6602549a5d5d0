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


def _bad_utf8_argument(argv: Sequence[str]) -> str | None:
    """An argument that is not valid UTF-8 (the OS handed Python undecodable bytes), shown escaped."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    return None


def _failure(exc: BaseException) -> tuple[int, str] | None:
    """A known kind of failure below the services, as (exit code, message): never the SQL or its parameters."""
    from sqlalchemy.exc import DataError, DBAPIError, InterfaceError, OperationalError, StatementError

    orig = getattr(exc, "orig", None)
    if (
        isinstance(exc, (OverflowError, DataError, UnicodeError))
        or isinstance(orig, (OverflowError, UnicodeError))
        or (isinstance(exc, StatementError) and not isinstance(exc, DBAPIError))
    ):
        return EXIT_INVALID, tr(
            "错误：输入的某个值超出范围或格式无效（例如编号过大、文本不是 UTF-8），未写入任何数据。请检查参数后重试。",
            "error: a value given is out of range or malformed (an id too large, text that is not UTF-8); "
            "nothing was written. Check the arguments and try again.",
        )
    if isinstance(exc, DBAPIError) and (
        exc.connection_invalidated or isinstance(exc, (OperationalError, InterfaceError))
    ):
        first = _plain_error(exc)
        low = first.lower()
        if "readonly" in low or "read-only" in low or "read only" in low:
            return EXIT_STORE, tr(
                "错误：数据库是只读的（文件或目录没有写权限，或在只读介质上），无法写入。请换一个可写的位置，"
                "或请管理员开放写权限。",
                "error: the store is read-only (no write permission on the file or its folder, or read-only "
                "media), so nothing can be written. Use a writable location or ask an administrator for "
                "write access.",
            )
        if "locked" in low or "busy" in low:
            return EXIT_STORE, tr(
                "错误：数据库正被其他程序长时间占用（已锁定），请稍后重试。",
                "error: the store is locked by another program for too long; try again later.",
            )
        if exc.connection_invalidated:
            return EXIT_STORE, tr(
                "错误：与数据库的连接中断：{msg}。请检查网络和数据库服务器后重试。",
                "error: the connection to the store was lost: {msg}. Check the network and the database "
                "server, then try again.",
                msg=first,
            )
        return EXIT_STORE, tr(
            "错误：数据库不可用：{msg}。请检查数据库服务器、网络和磁盘后重试。",
            "error: the store is unavailable: {msg}. Check the database server, the network and the disk, "
            "then try again.",
            msg=first,
        )
    return None


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
    bad = _bad_utf8_argument(argv)
    if bad is not None:
        print(
            tr(
                "错误：参数 {arg} 不是有效的 UTF-8 文本，请检查终端或脚本的编码。",
                "error: the argument {arg} is not valid UTF-8 text; check the encoding of the terminal or script.",
                arg=bad,
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
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
        log.debug("failed", exc_info=True)
        known = _failure(exc)
        if known is not None:
            ctx.warn(known[1])
            return known[0]
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
