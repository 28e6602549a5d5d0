#!/usr/bin/env bash
# Smoke test of the app as a user installs it: the built wheel in a fresh venv (not editable), or, with
# --bin DIR, any folder holding `crm` and `crm-desktop` (the frozen app: .ci/freeze.sh passes it).
#   bash .ci/smoke.sh                 build dist/*.whl, install it into a fresh venv, run the checks
#   bash .ci/smoke.sh --bin DIR       run the checks against DIR/crm and DIR/crm-desktop
# Checks: `crm --help` lists every command, init-db, demo --clients 200, score, letters --due with two
# worker processes, export, a missing store file refused (exit 3), and the GUI offscreen up to the login
# dialog. Runs from any directory but the checkout, so nothing can be imported from the source tree.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${SMOKE_WORK:-$(mktemp -d /tmp/crm-smoke.XXXXXX)}"
PY="${PYTHON:-python3}"
BIN=""
# CI machines have no OS keyring: like any server, the personal-data key lives in a key file (README, Secrets).
export CRM_PII_KEY_FILE="${CRM_PII_KEY_FILE:-$WORK/pii.key}"
if [[ "${1:-}" == "--bin" ]]; then
    BIN="$(cd "$2" && pwd)"
fi

CHECKS=0
step() { CHECKS=$((CHECKS + 1)); printf '\n== smoke: %s\n' "$*"; }
fail() { printf 'SMOKE FAILED: %s\n' "$*" >&2; printf 'smoke: %d passed, 1 failed\n' "$((CHECKS - 1))"; exit 1; }

if [[ -z "$BIN" ]]; then
    step "build the wheel"
    # From a copy of the files git would commit: an in-tree build/ left by an earlier build can put stale
    # modules into the wheel, and the checkout stays untouched.
    rm -rf "$WORK/dist" "$WORK/src" && mkdir -p "$WORK/src"
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) \
        | tar -xf - -C "$WORK/src"
    "$PY" -m pip wheel --no-deps -q -w "$WORK/dist" "$WORK/src"
    step "install it into a fresh venv (not editable)"
    "$PY" -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q "$WORK"/dist/crm_desktop-*.whl
    BIN="$WORK/venv/bin"
    du -sh "$WORK/venv" | sed 's/^/environment size: /'
fi
CRM="$BIN/crm"
GUI="$BIN/crm-desktop"
[[ -x "$CRM" && -x "$GUI" ]] || fail "no crm / crm-desktop in $BIN"

cd "$WORK"
export CRM_DATA_DIR="$WORK/userdata" CRM_LANG=zh_CN QT_QPA_PLATFORM=offscreen
unset CRM_DATABASE_URL CRM_PASSWORD PYTHONPATH
DB="sqlite:///$WORK/smoke.sqlite3"
rm -f "$WORK"/smoke.sqlite3*

step "crm --help lists every command"
help="$("$CRM" --help)"
for cmd in branch user export demo import letters reassign score tasks touch init-db db-password; do
    grep -qE "^ +$cmd( |$)" <<<"$help" || fail "crm --help does not list '$cmd'"
done
grep -q "用法：" <<<"$help" || fail "argparse's own words are not translated"

step "a missing store file is refused (exit 3), nothing created"
set +e; "$CRM" --db "sqlite:///$WORK/no/such/dir/x.db" score --as-user admin </dev/null; rc=$?; set -e
[[ $rc == 3 && ! -e "$WORK/no" ]] || fail "missing store: exit $rc"

step "init-db"
"$CRM" --db "$DB" init-db
step "demo --clients 200"
"$CRM" --db "$DB" demo --clients 200 --no-score --quiet
export CRM_PASSWORD=demo1234
step "score"
"$CRM" --db "$DB" score --as-user admin --quiet 2>"$WORK/score.err" || { cat "$WORK/score.err"; fail "score"; }
cat "$WORK/score.err"
grep -q "reading on one connection" "$WORK/score.err" && fail "score fell back to one connection"
"$CRM" --db "$DB" tasks generate --as-user admin
step "letters --due with two worker processes"
"$CRM" --db "$DB" letters --due --out "$WORK/letters" --workers 2 --quiet --as-user bm
n=$(find "$WORK/letters" -name '*.pdf' | wc -l)
[[ $n -gt 0 ]] || fail "no letters written"
echo "letters: $n PDFs"
step "export"
"$CRM" --db "$DB" export clients --out "$WORK/clients.csv" --as-user bm
"$CRM" --db "$DB" export scores --out "$WORK/scores.csv" --as-user bm
[[ $(wc -l <"$WORK/clients.csv") -gt 1 && $(wc -l <"$WORK/scores.csv") -gt 1 ]] || fail "empty export"
unset CRM_PASSWORD

step "GUI offscreen up to the login dialog"
out="$(CRM_STARTUP_PROBE=1 timeout 120 "$GUI" --db "$DB" 2>"$WORK/gui.err" || true)"
cat "$WORK/gui.err"
grep -q "login-shown" <<<"$out" || fail "the login dialog did not show"
grep -q "store-ready" <<<"$out" || fail "the store did not open behind the login dialog"
grep -qi "Traceback" "$WORK/gui.err" && fail "the GUI printed a traceback"

[[ -n "${SMOKE_WORK:-}" ]] || rm -rf "$WORK"
printf '\nsmoke (%s):\n' "$BIN"
# The plain closing line CI reads, like a test runner's.
printf 'smoke: %d passed, 0 failed\n' "$CHECKS"
