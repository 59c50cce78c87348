#!/usr/bin/env bash
# Build the one-folder desktop app from build.spec, then prove it works: the frozen executable
# runs its own self-test (import, pre-highlight, gold export, offsets, Qt main window) with no
# display. Exits non-zero if the build or the self-test fails. Prints the build time and the
# size of dist/.
#
#   bash scripts/build_app.sh            # from anywhere; works in the repository root
#   PYTHON=python3.11 bash scripts/build_app.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

if ! "$PYTHON" -m PyInstaller --version >/dev/null 2>&1; then
  echo "PyInstaller is not installed; installing it" >&2
  "$PYTHON" -m pip install -q "pyinstaller>=6.10"
fi
echo "PyInstaller $("$PYTHON" -m PyInstaller --version), $("$PYTHON" --version)"

start=$(date +%s)
"$PYTHON" -m PyInstaller build.spec --noconfirm --log-level WARN
build_seconds=$(( $(date +%s) - start ))

# The executable that prints: Windows' windowed annotator.exe has no console attached.
case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*|Windows_NT) app="dist/annotator/annotator-cli.exe" ;;
  *) app="dist/annotator/annotator" ;;
esac
if [ ! -x "$app" ]; then
  echo "error: $app was not built" >&2
  exit 1
fi

status=0
expected="annotator $(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)"
version=$("$app" --version | tr -d "\r") || status=$?  # Windows ends lines with CR LF
if [ "$version" != "$expected" ]; then
  echo "error: the frozen app says '$version', pyproject.toml '$expected'" >&2
  status=1
fi
"$app" --selftest --gui || status=$?

echo "build time: ${build_seconds}s"
echo "dist size: $(du -sh dist | cut -f1) (dist/annotator: $(du -sh dist/annotator | cut -f1))"
if [ "$status" -ne 0 ]; then
  echo "error: the frozen self-test failed (exit status $status)" >&2
fi
exit "$status"
