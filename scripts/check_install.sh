#!/usr/bin/env bash
# Prove that the project installs and runs as a user gets it: build the wheel, install it into
# a fresh virtual environment outside the source tree, and from an empty folder with a fresh
# HOME run `annotator --version`, `annotator --selftest` and an import -> export of a demo
# article; then open the real window on an X server (Xvfb, xcb platform), wait for it and
# screenshot it to ci-artifacts/window.png. On a machine without Qt's X11 libraries it first
# checks that the app names the packages to install instead of aborting.
#
#   bash scripts/check_install.sh        # as root it installs the Debian/Ubuntu packages
#   PYTHON=python3.11 ARTIFACTS=out bash scripts/check_install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
unset PYTHONPATH  # nothing of this checkout may leak into the installed app

PYTHON="${PYTHON:-python}"
ARTIFACTS="$(mkdir -p "${ARTIFACTS:-ci-artifacts}" && cd "${ARTIFACTS:-ci-artifacts}" && pwd)"
WINDOW_TIMEOUT="${WINDOW_TIMEOUT:-180}"  # seconds for the first start (it builds the demo)
# What the window needs on a bare Debian/Ubuntu machine (annotator/ui/platform_check.py names
# the same when one is missing; the README lists them), and the X server tools of this check.
DESKTOP_DEBS=" libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 fonts-noto-cjk"
X_DEBS="xvfb xdotool openbox imagemagick"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/annotator-install.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { echo "== $* ($(( $(date +%s) - START ))s)"; }
fail() { echo "error: $*" >&2; exit 1; }
START=$(date +%s)

# --- the wheel, installed outside the source tree ---------------------------------------------
step "building the wheel"
rm -rf build/lib build/bdist.* # setuptools would reuse files left from an earlier build
"$PYTHON" -m pip wheel -q --no-deps -w "$WORK/dist" .
wheel=$(ls "$WORK"/dist/*.whl)
echo "$(basename "$wheel"): $("$PYTHON" -m zipfile -l "$wheel" | tail -n +2 | wc -l) files"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q "$wheel"
BIN="$WORK/venv/bin"

# --- the commands, from an empty folder with a fresh HOME -------------------------------------
mkdir -p "$WORK/empty" "$WORK/home"
cd "$WORK/empty"
run() {  # the installed app, as a user with a new account runs it
  env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" \
    XDG_DATA_HOME="$WORK/home/.local/share" "$@"
}
step "annotator --version"
expected="annotator $(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -1)"
version=$(run "$BIN/annotator" --version)
[ "$version" = "$expected" ] || fail "annotator --version printed '$version', not '$expected'"
echo "$version"

step "annotator --selftest"
run env QT_QPA_PLATFORM=offscreen "$BIN/annotator" --selftest

step "import and export of a demo article"
demo=$(run "$BIN/python" -c \
  'from annotator.core.resources import resource_path; print(min(resource_path("demo").glob("*.txt")))')
case "$demo" in "$WORK/venv/"*) ;; *) fail "the demo article $demo is not the installed one" ;; esac
cp "$demo" article.txt
run "$BIN/annotator" import article.txt --project sample.annot
run "$BIN/annotator" export --project sample.annot -o sample.jsonl
lines=$(wc -l < sample.jsonl)
[ "$lines" = 1 ] || fail "sample.jsonl has $lines lines, not 1"
run "$BIN/python" - sample.jsonl <<'EOF'
import json, sys
doc = json.loads(open(sys.argv[1], encoding="utf-8").read())
assert len(doc["text"]) > 500 and doc["spans"], "the exported article has no text or no spans"
print(f"1 document, {len(doc['text'])} characters, {len(doc['spans'])} spans")
EOF

# --- the X11 libraries: named when missing, then installed ------------------------------------
plugin=$(run "$BIN/python" -c 'from annotator.ui.platform_check import xcb_plugin; import os; print(xcb_plugin(os.environ))')
if ldd "$plugin" | grep -q "not found"; then
  step "without Qt's X11 libraries the app names the packages and exits"
  status=0
  run env QT_QPA_PLATFORM=xcb DISPLAY=:1 "$BIN/annotator" 2> missing.txt || status=$?
  cat missing.txt
  [ "$status" = 3 ] || fail "annotator exited with $status, not 3, without the X11 libraries"
  grep -q "apt-get install" missing.txt || fail "the message names no packages"
fi
need_debs=$(dpkg-query -W -f='${Status} ${Package}\n' $DESKTOP_DEBS $X_DEBS 2>&1 \
  | grep -vc "ok installed" || true)
if [ "$need_debs" != 0 ]; then
  [ "$(id -u)" = 0 ] || fail "install as root: apt-get install $DESKTOP_DEBS $X_DEBS"
  step "installing the desktop libraries and the X server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $DESKTOP_DEBS $X_DEBS >/dev/null
fi
missing=$(ldd "$plugin" | grep "not found" || true)
[ -z "$missing" ] || fail "Qt's xcb plugin still misses: $missing"

# --- the real window on an X server -----------------------------------------------------------
step "opening the window under Xvfb"
display=:$(( 90 + RANDOM % 400 ))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do DISPLAY=$display xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.2; done
DISPLAY=$display openbox >/dev/null 2>&1 &
PIDS+=($!)
run env QT_QPA_PLATFORM=xcb DISPLAY="$display" "$BIN/annotator" >"$WORK/app.log" 2>&1 &
app=$!
PIDS+=("$app")
began=$(date +%s)
# A new user is asked for a name first (标注人是谁？); then the main window opens on the demo.
DISPLAY=$display timeout "$WINDOW_TIMEOUT" xdotool search --sync --name "标注人是谁" >/dev/null \
  || { cat "$WORK/app.log"; fail "no name dialog within ${WINDOW_TIMEOUT}s"; }
sleep 0.5
DISPLAY=$display xdotool type --delay 20 "ci"
DISPLAY=$display xdotool key Return
DISPLAY=$display timeout "$WINDOW_TIMEOUT" xdotool search --sync --onlyvisible \
  --name "demo — ci — 中文新闻标注工具" >/dev/null \
  || { cat "$WORK/app.log"; fail "no main window within ${WINDOW_TIMEOUT}s"; }
shown=$(( $(date +%s) - began ))
sleep 2  # the first paint of the document and the lists
kill -0 "$app" 2>/dev/null || { cat "$WORK/app.log"; fail "the app exited after showing"; }
DISPLAY=$display import -window root "$ARTIFACTS/window.png"
echo "main window shown after ${shown}s; screenshot $ARTIFACTS/window.png"
kill "$app"
wait "$app" 2>/dev/null || true

step "done: wheel installed, commands and the window work"
