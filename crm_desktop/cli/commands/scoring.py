"""``crm score`` (run the scoring engine) and ``crm export scores`` (latest results as CSV)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.exporting import add_purpose_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import language, tr
from crm_desktop.reports.tables import safe_frame
from crm_desktop.scoring.reasons import label, render_reasons
from crm_desktop.services import scoring
from crm_desktop.services.exports import write_audited


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            tr("日期 {v} 无效，应为 YYYY-MM-DD。", "The date {v} is invalid; use YYYY-MM-DD.", v=value)
        ) from None


def _score(ctx: CliContext) -> int:
    as_of = _parse_date(ctx.args.as_of)
    # A run writes the store, so someone signs for it (a scheduler uses a named batch account).
    actor = ctx.require_actor()
    cfg = scoring.load_config(Path(ctx.args.config)) if ctx.args.config else None
    with TerminalProgress(ctx.err, quiet=ctx.args.quiet) as progress:
        summary = scoring.run_scoring(ctx.store(), actor, as_of, config=cfg, progress=progress)
    lang = language()
    ctx.print(
        tr(
            "评分完成：第 {run} 次，评分日 {d}，客户 {c} 位，投资经理 {m} 位，匹配建议 {s} 条。",
            "Scoring done: run {run}, as of {d}, {c} clients, {m} investment managers, {s} match suggestions.",
            run=summary.run_id,
            d=summary.as_of.isoformat(),
            c=summary.client_count,
            m=summary.manager_count,
            s=summary.suggestion_count,
        )
    )
    ctx.print(
        tr(
            "引擎版本 {v}，配置 SHA-256 {h}",
            "engine {v}, configuration SHA-256 {h}",
            v=summary.engine_version,
            h=summary.config_hash,
        )
    )
    if summary.grade_counts:
        grades = "，" if lang != "en" else ", "
        ctx.print(
            tr("客户等级：", "Grades: ")
            + grades.join(
                f"{label('grade', g, lang)} {summary.grade_counts[g]}"
                for g in sorted(summary.grade_counts, reverse=True)
            )
        )
        ctx.print(
            tr("流失风险：", "Churn risk: ")
            + grades.join(
                f"{label('churn_risk', k, lang)} {summary.churn_counts.get(k, 0)}"
                for k in ("high", "medium", "low")
            )
        )
    for line in render_reasons(summary.warnings, lang):
        ctx.warn(tr("提示：", "note: ") + line)
    if ctx.args.timings:
        ctx.print(", ".join(f"{k} {v:.2f}s" for k, v in summary.timings.items()))
    from crm_desktop.cli.commands.suitability import print_check
    from crm_desktop.services.suitability import run_check

    print_check(ctx, run_check(ctx.store(), actor, summary.as_of))
    return 0


def _export_scores(ctx: CliContext) -> int:
    # Scores are client data: an export always names the person, whose visibility decides the rows.
    actor = ctx.require_actor()
    out = Path(ctx.args.out)
    lang = language()
    frame, run = scoring.export_rows(ctx.store(), actor, lang)
    if run is None:
        raise InvalidInput(
            tr("还没有评分结果：请先运行 `crm score`。", "There are no scores yet: run `crm score` first.")
        )
    # UTF-8 with BOM so that Excel shows the Chinese text correctly; audited before the file gets its name.
    write_audited(
        ctx.store(),
        actor,
        out,
        lambda tmp: safe_frame(frame).to_csv(tmp, index=False, encoding="utf-8-sig"),
        action="score.export",
        entity_type="score_run",
        entity_id=run.id,
        rows=len(frame),
        purpose=ctx.args.purpose,
    )
    ctx.print(
        tr(
            "已导出 {n} 位客户的评分（第 {run} 次评分，评分日 {d}）到 {path}。",
            "Exported the scores of {n} clients (run {run}, as of {d}) to {path}.",
            n=len(frame),
            run=run.id,
            d=run.as_of.isoformat(),
            path=out,
        )
    )
    return 0


def register(reg: Registry) -> None:
    p = reg.command(
        "score",
        _score,
        help=tr(
            "运行评分引擎（客户等级、流失风险、经理能力与匹配）",
            "run the scoring engine (grades, churn, manager capability, matching)",
        ),
    )
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help=tr("评分日（默认：最新资产快照日期）", "as-of date (default: the latest snapshot date)"),
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help=tr(
            "评分配置文件（默认：resources/config/scoring.toml）",
            "scoring configuration file (default: resources/config/scoring.toml)",
        ),
    )
    p.add_argument("--quiet", action="store_true", help=tr("不显示进度条", "no progress bar"))
    p.add_argument(
        "--timings", action="store_true", help=tr("显示各阶段耗时", "print the time of each stage")
    )
    add_actor_arg(p, password_stdin=True)

    p = reg.subcommand(
        "export",
        "scores",
        _export_scores,
        group_help=tr("导出数据", "export data"),
        help=tr("导出最新评分（CSV，UTF-8 BOM）", "export the latest scores (CSV, UTF-8 with BOM)"),
    )
    p.add_argument("--out", metavar="FILE.csv", required=True)
    add_purpose_arg(p)
    add_actor_arg(p, required=False)
