"""Letters benchmark: 1,000 account-analysis letters from a demo store, on all cores.

    .venv/bin/python benchmarks/bench_letters.py [--clients 1000] [--workers N] [--merged] [--keep DIR]

Builds a demo store with ``crm demo`` (in a temporary folder), scores it, then generates one letter
per client with the batch service exactly as ``crm letters`` does, and prints letters per second, the
time per stage (gather in the parent, render in the workers, record + touch + audit in the parent,
merge), and the median and largest file size. A second part renders one letter repeatedly in this
process to show the renderer alone. Not a test: the figures move with machine load, which is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.db.store import open_store  # noqa: E402
from crm_desktop.letters import render_letter  # noqa: E402
from crm_desktop.services import letters  # noqa: E402
from crm_desktop.services.auth import login  # noqa: E402
from crm_desktop.services.scoring import run_scoring  # noqa: E402

GOAL_RATE = 40.0
GOAL_KB = 100.0


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} on {os.cpu_count()} cores"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=1000)
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--merged", action="store_true", help="also time the merged print file")
    p.add_argument("--keep", metavar="DIR", help="write the store and letters here instead of a temp folder")
    args = p.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        db = base / "letters-bench.sqlite3"
        db.unlink(missing_ok=True)
        url = f"sqlite:///{db}"
        print(f"building a {args.clients:,}-client demo store … ({load()})", flush=True)
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "crm_desktop.cli.main",
                "--db",
                url,
                "demo",
                "--clients",
                str(args.clients),
                "--quiet",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"  demo store in {time.perf_counter() - t0:.1f} s", flush=True)
        store = open_store(url)
        bm = login(store, "bm", "demo1234")
        summary = run_scoring(store, bm)
        as_of: date = summary.as_of
        numbers = [c.client_no for c in letters.select_letter_clients(store, bm)]
        out = base / "letters"
        merged = base / "merged.pdf" if args.merged else None
        print(f"generating {len(numbers):,} letters as of {as_of} … ({load()})", flush=True)
        result = letters.generate_batch(
            store, bm, numbers, out, as_of=as_of, workers=args.workers, merged_path=merged
        )
        n = len(result.letters)
        rate = n / result.wall_seconds if result.wall_seconds else 0.0
        sizes = sorted(r.size_bytes / 1024 for r in result.letters)
        pages = sorted(r.pages for r in result.letters)
        workers = args.workers or os.cpu_count()
        print(
            f"\n{n:,} letters in {result.wall_seconds:.1f} s with {workers} worker processes: "
            f"{rate:.1f} letters/s (goal ≥ {GOAL_RATE:.0f}: {'met' if rate >= GOAL_RATE else 'NOT met'})"
        )
        print(f"failures: {len(result.failures)}")
        for stage, seconds in result.stage_seconds.items():
            per = seconds / max(n, 1) * 1000
            where = "workers, summed" if stage == "render" else "parent"
            print(f"  {stage:<7} {seconds:7.2f} s  ({per:6.1f} ms per letter, {where})")
        if sizes:
            med = statistics.median(sizes)
            print(
                f"file size: median {med:.1f} KB, largest {sizes[-1]:.1f} KB "
                f"(goal ≤ {GOAL_KB:.0f} KB: {'met' if sizes[-1] <= GOAL_KB else 'NOT met'}); "
                f"pages: median {statistics.median(pages):.0f}, max {pages[-1]}"
            )
        if merged is not None and result.merged_path:
            print(f"merged print file: {result.merged_path.stat().st_size / 1e6:.1f} MB")

        # The renderer alone, in this process, on the largest letter's data.
        with store.read() as session:
            from crm_desktop.services.visibility import get_visible_client

            start, end = letters.default_period(as_of)
            client = get_visible_client(session, bm, numbers[0])
            data = letters.gather_letter_data(
                session,
                client,
                as_of=as_of,
                period_start=start,
                period_end=end,
                comment="三季度市场震荡，您的账户整体稳健。",
            )
        render_letter(data, deterministic=True)
        times = []
        for _ in range(30):
            t = time.perf_counter()
            render_letter(data, deterministic=True)
            times.append(time.perf_counter() - t)
        print(
            f"renderer alone (one process, 30 runs): median {statistics.median(times) * 1000:.1f} ms per letter"
        )
        print(f"({load()})")
        store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
