#!/usr/bin/env bash
# Build the one-folder bundle (dist/aligner/) and smoke-test it headless.
# Usage: packaging/build.sh [--tarball]     (Linux and macOS; Windows: see packaging/README.md)
# Prints the build time and the bundle size; exits non-zero if the build or a smoke test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e ".[packaging]"

start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller \
  packaging/aligner.spec
built=$(( $(date +%s) - start ))
size=$(du -sm dist/aligner | cut -f1)
echo "bundle: dist/aligner built in ${built} s, ${size} MB"

# Smoke test 1: the whole core path, offline, on a throw-away project.
export QT_QPA_PLATFORM=offscreen
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ALIGNER_DATA_DIR="$scratch/data" ./dist/aligner/aligner --self-test

# Smoke test 2: the desktop app starts (Qt plugins, matplotlib canvas) and keeps running.
ALIGNER_DATA_DIR="$scratch/data" ./dist/aligner/aligner demo "$scratch/sample.aligner" >/dev/null
# Packets out and back in: incoming workbooks are parsed in a spawned child, which in a bundle
# is the bundle's own executable (multiprocessing.freeze_support in launcher.py).
ALIGNER_DATA_DIR="$scratch/data" ./dist/aligner/aligner packets "$scratch/sample.aligner" \
  --out "$scratch/packets" >/dev/null
ALIGNER_DATA_DIR="$scratch/data" timeout 120 ./dist/aligner/aligner import-packets \
  "$scratch/sample.aligner" "$scratch"/packets/*.xlsx | grep -q "0 added, 0 changed"
set +e
ALIGNER_DATA_DIR="$scratch/data" timeout 20 ./dist/aligner/aligner open "$scratch/sample.aligner" \
  >"$scratch/gui.log" 2>&1
status=$?
set -e
if [ "$status" -ne 124 ]; then
  echo "the desktop app exited early (status $status):" >&2
  cat "$scratch/gui.log" >&2
  exit 1
fi
echo "smoke: self-test passed; the desktop app ran for 20 s offscreen"

if [ "${1:-}" = "--tarball" ]; then
  version=$(.venv/bin/python -c "import aligner; print(aligner.__version__)")
  tarball="dist/aligner-${version}-linux-$(uname -m).tar.gz"
  cp packaging/linux/aligner.desktop dist/aligner/
  tar -C dist -czf "$tarball" aligner
  echo "tarball: $tarball ($(du -sm "$tarball" | cut -f1) MB)"
fi
