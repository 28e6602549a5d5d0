"""Import benchmark: 1,000,000 trade rows from a GBK CSV with Chinese headers into SQLite and PostgreSQL.

Generates the referenced clients and securities too, imports them, then times the trade import and
the re-import of the same file (all rows unchanged). Each timed import runs in its own process so
its peak memory (max RSS) is measured alone.

    .venv/bin/python benchmarks/bench_import.py                 # 1,000,000 rows, both backends
    .venv/bin/python benchmarks/bench_import.py --rows 100000 --backends sqlite
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

PG_URL = os.environ.get("CRM_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "bench-pw"


def generate(workdir: Path, rows: int, clients: int, securities: int) -> dict[str, Path]:
    rnd = random.Random(20240105)
    paths = {k: workdir / f"{k}.csv" for k in ("clients", "securities", "trades")}
    marker = workdir / f"generated-pii-{rows}-{clients}-{securities}"
    if marker.exists():
        return paths
    # The personal columns are sealed at rest by the import (db/pii.py): ID number, phone, e-mail, address.
    with paths["clients"].open("w", encoding="gbk", newline="") as f:
        f.write(
            "客户号,客户姓名,客户类型,证件号码,手机号码,电子邮箱,联系地址,开户日期,风险等级,营业部代码,状态\n"
        )
        for i in range(clients):
            f.write(
                f"{i:08d},客户{i},个人,11010519{600101 + i % 400000:06d}{i % 10000:04d},"
                f"13{rnd.randrange(100000000, 999999999)},c{i}@example.cn,北京市朝阳区建国路{i % 500 + 1}号,"
                f"{date(2015, 1, 1) + timedelta(days=i % 3000):%Y-%m-%d},C{1 + i % 5},B001,正常\n"
            )
    codes = [f"{600000 + i:06d}" if i % 3 else f"{i:06d}" for i in range(securities)]
    with paths["securities"].open("w", encoding="gbk", newline="") as f:
        f.write("证券代码,证券名称,行业,板块,上市日期\n")
        for i, c in enumerate(codes):
            f.write(f"{c},证券{i},行业{i % 30},主板,{20000101 + (i % 28)}\n")
    days = [
        date(2023, 1, 3) + timedelta(days=d)
        for d in range(600)
        if (date(2023, 1, 3) + timedelta(days=d)).weekday() < 5
    ]
    with paths["trades"].open("w", encoding="gbk", newline="") as f:
        f.write("成交编号,客户号,成交日期,证券代码,买卖方向,成交数量,成交价格,成交金额,佣金\n")
        buf = []
        for i in range(rows):
            qty = rnd.randrange(1, 100) * 100
            price = rnd.randrange(100, 50000) / 100
            amount = qty * price
            side = "买入" if rnd.random() < 0.5 else "卖出"
            d = days[i * len(days) // rows]
            buf.append(
                f"T{i:09d},{rnd.randrange(clients):08d},{d:%Y%m%d},{codes[rnd.randrange(securities)]},"
                f'{side},{qty},{price:.2f},"{amount:,.2f}",{max(amount * 0.00025, 5):.2f}\n'
            )
            if len(buf) >= 10000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))
    marker.touch()
    return paths


def child(url: str, kind: str, path: str) -> None:
    """One import in this process; prints seconds, peak RSS and counts as JSON."""
    from crm_desktop.db.store import open_store
    from crm_desktop.services.auth import login
    from crm_desktop.services.importing import run_import

    store = open_store(url, upgrade=False)
    actor = login(store, "admin", PASSWORD)
    t0 = time.perf_counter()
    r = run_import(store, actor, kind, path)
    secs = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss / 1024
    # CPU seconds of this process: on a shared machine they vary far less than wall time.
    cpu = usage.ru_utime + usage.ru_stime
    print(
        json.dumps(
            {
                "seconds": secs,
                "cpu": cpu,
                "peak_mb": peak,
                "new": r.rows_new,
                "changed": r.rows_changed,
                "unchanged": r.rows_unchanged,
            }
        )
    )


def timed(url: str, kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", url, kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def prepare_store(url: str) -> None:
    from crm_desktop.db.store import open_store
    from crm_desktop.services import staff

    store = open_store(url, upgrade=True)
    staff.add_branch(store, None, "B001", "基准营业部")
    staff.add_user(
        store, None, "admin", role="admin", display_name="管理员", branch_code="B001", password=PASSWORD
    )
    store.dispose()


def pg_schema_url() -> tuple[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = "bench_" + uuid.uuid4().hex[:8]
    eng = create_engine(PG_URL)
    with eng.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng.dispose()
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def drop_pg_schema(schema: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(PG_URL)
    with eng.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    eng.dispose()


def sealed_at_rest(url: str) -> bool:
    """Every stored phone and address is a sealed token (read raw, without the key)."""
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT phone, address FROM client")).all()
    eng.dispose()
    return bool(rows) and all(str(v).startswith("v1:") for row in rows for v in row)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=20_000)
    ap.add_argument("--securities", type=int, default=1_000)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/crm-bench-import"))
    ap.add_argument("--child", nargs=3, metavar=("URL", "KIND", "FILE"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    a.workdir.mkdir(parents=True, exist_ok=True)
    # the personal-data key of the benchmark's stores (children inherit it)
    os.environ.setdefault("CRM_PII_KEY_FILE", str(a.workdir / "bench-pii.key"))
    t0 = time.perf_counter()
    paths = generate(a.workdir, a.rows, a.clients, a.securities)
    size_mb = paths["trades"].stat().st_size / 1e6
    print(
        f"files ready in {time.perf_counter() - t0:.1f} s; trades.csv {size_mb:.0f} MB, {a.rows:,} rows "
        f"(GBK, Chinese headers); load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    for backend in a.backends.split(","):
        schema = None
        if backend == "sqlite":
            db = a.workdir / "bench.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{db}"
        else:
            url, schema = pg_schema_url()
        try:
            prepare_store(url)
            for kind in ("clients", "securities"):
                r = timed(url, kind, paths[kind])
                print(
                    f"{backend:10s} {kind:10s} {r['seconds']:6.1f} s  peak {r['peak_mb']:5.0f} MB  "
                    f"new {r['new']:,}  (client CPU {r['cpu']:.1f} s; load {os.getloadavg()[0]:.2f})"
                )
            r = timed(url, "clients", paths["clients"])
            print(
                f"{backend:10s} clients again {r['seconds']:4.1f} s  unchanged {r['unchanged']:,}  "
                f"changed {r['changed']}  (client CPU {r['cpu']:.1f} s; load {os.getloadavg()[0]:.2f})"
            )
            print(f"{backend:10s} personal data sealed at rest: {'yes' if sealed_at_rest(url) else 'NO'}")
            first = timed(url, "trades", paths["trades"])
            print(
                f"{backend:10s} trades     {first['seconds']:6.1f} s  peak {first['peak_mb']:5.0f} MB  "
                f"new {first['new']:,}  ({a.rows / first['seconds']:,.0f} rows/s; client CPU {first['cpu']:.1f} s; "
                f"load {os.getloadavg()[0]:.2f})"
            )
            again = timed(url, "trades", paths["trades"])
            print(
                f"{backend:10s} re-import  {again['seconds']:6.1f} s  peak {again['peak_mb']:5.0f} MB  "
                f"unchanged {again['unchanged']:,}  new {again['new']}  changed {again['changed']}  "
                f"(client CPU {again['cpu']:.1f} s; load {os.getloadavg()[0]:.2f})"
            )
        finally:
            if schema:
                drop_pg_schema(schema)
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
