"""Personal data at rest: client import (new, then unchanged re-import) with field encryption on vs off.

"off" is the same code with the seal/open steps replaced by the identity (values stored in clear), measured
in the same run as the reference. Each case runs on a fresh SQLite store; medians of --repeat runs.

    .venv/bin/python benchmarks/bench_pii.py                    # 20,000 clients, 3 runs
    .venv/bin/python benchmarks/bench_pii.py --clients 100000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

PASSWORD = "bench-pw"


def generate(path: Path, clients: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "客户号,客户姓名,客户类型,证件号码,手机号码,电子邮箱,联系地址,开户日期,风险等级,营业部代码,状态\n"
        )
        for i in range(clients):
            f.write(
                f"{i:08d},客户{i},个人,11010519900101{i % 10000:04d},138{i:08d},c{i}@example.cn,"
                f"上海市浦东新区世纪大道{i % 800 + 1}号,"
                f"{date(2015, 1, 1) + timedelta(days=i % 3000):%Y-%m-%d},C{1 + i % 5},B001,正常\n"
            )


def one_run(workdir: Path, csv_path: Path, encrypt: bool) -> tuple[float, float]:
    from crm_desktop.db import pii
    from crm_desktop.db.store import open_store
    from crm_desktop.services import staff
    from crm_desktop.services.auth import login
    from crm_desktop.services.importing import run_import

    for p in workdir.glob("run*"):
        p.unlink()
    os.environ[pii.KEY_FILE_ENV] = str(workdir / "run.key")
    patches = (
        []
        if encrypt
        else [
            mock.patch.object(pii.KeySet, "encrypt", lambda self, plain: plain),
            mock.patch.object(pii.KeySet, "decrypt", lambda self, token: token),
        ]
    )
    for p in patches:
        p.start()
    try:
        store = open_store(f"sqlite:///{workdir / 'run.sqlite3'}", upgrade=True)
        staff.add_branch(store, None, "B001", "基准营业部")
        staff.add_user(
            store, None, "admin", role="admin", display_name="管理员", branch_code="B001", password=PASSWORD
        )
        actor = login(store, "admin", PASSWORD)
        t0 = time.perf_counter()
        run_import(store, actor, "clients", str(csv_path))
        t1 = time.perf_counter()
        again = run_import(store, actor, "clients", str(csv_path))
        t2 = time.perf_counter()
        assert again.rows_changed == 0, "an unchanged re-import must change nothing"
        store.dispose()
    finally:
        for p in patches:
            p.stop()
    return t1 - t0, t2 - t1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        csv_path = workdir / "clients.csv"
        generate(csv_path, a.clients)
        results: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for _ in range(a.repeat):
            for enc in (False, True):
                results[enc].append(one_run(workdir, csv_path, enc))
    for label, idx in (("import (new)", 0), ("re-import (unchanged)", 1)):
        off = statistics.median(r[idx] for r in results[False])
        on = statistics.median(r[idx] for r in results[True])
        print(f"{label:24s} {a.clients} clients: off {off:.2f} s, on {on:.2f} s, ratio on/off {on / off:.2f}")
    print(f"(four sealed fields per client: ID number, phone, e-mail, address; load {os.getloadavg()})")


if __name__ == "__main__":
    main()
