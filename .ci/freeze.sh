#!/usr/bin/env bash
# Build the frozen one-folder app (PyInstaller, packaging/crm.spec) from the wheel, report its size, and
# run the same smoke test against it (.ci/smoke.sh --bin). Linux here; the Windows steps are in README.md.
#   bash .ci/freeze.sh            -> dist/crm/{crm,crm-desktop,_internal/}
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${FREEZE_WORK:-$(mktemp -d /tmp/crm-freeze.XXXXXX)}"
PY="${PYTHON:-python3}"
OUT="$REPO/dist"

echo "== freeze: wheel and a fresh build environment"
# From a copy of the files git would commit (see smoke.sh).
rm -rf "$WORK/dist" "$WORK/src" && mkdir -p "$WORK/src"
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) \
    | tar -xf - -C "$WORK/src"
"$PY" -m pip wheel --no-deps -q -w "$WORK/dist" "$WORK/src"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q "$WORK"/dist/crm_desktop-*.whl "psycopg[binary]>=3.1" "pyinstaller>=6.10"
echo "== freeze: pyinstaller"
rm -rf "$OUT/crm"
(cd "$REPO/packaging" && "$WORK/venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$OUT" --workpath "$WORK/build" crm.spec)
du -sh "$OUT/crm" | sed 's/^/frozen folder size: /'
echo "== freeze: smoke test of the frozen folder"
bash "$REPO/.ci/smoke.sh" --bin "$OUT/crm"
[[ -n "${FREEZE_WORK:-}" ]] || rm -rf "$WORK"
