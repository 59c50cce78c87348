"""On a Linux desktop without the X11 libraries of Qt's xcb plugin, the app says which packages
to install and exits, instead of Qt aborting the interpreter."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from annotator.ui.platform_check import (
    EXIT_MISSING_LIBRARIES,
    PACKAGES,
    desktop_packages,
    missing_libraries,
    uses_xcb,
)

ROOT = Path(__file__).resolve().parents[2]
QT = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)).parent
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"),
                                reason="the xcb plugin and ldd are Linux's")


def broken_plugin(tmp_path: Path, needed: str, absent: str) -> Path:
    """A copy of Qt's xcb plugin that needs ``absent`` instead of ``needed`` (same length),
    with Qt's own libraries where the plugin looks for them: a machine lacking one library."""
    assert len(needed) == len(absent)
    qt = tmp_path / "Qt"
    platforms = qt / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (qt / "lib").symlink_to(QT / "lib")
    data = (QT / "plugins" / "platforms" / "libqxcb.so").read_bytes()
    assert data.count(needed.encode() + b"\0") == 1
    (platforms / "libqxcb.so").write_bytes(data.replace(needed.encode() + b"\0",
                                                        absent.encode() + b"\0"))
    return platforms


def start_app(tmp_path: Path, platforms: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORM_PLUGIN_PATH": str(platforms),
           "DISPLAY": ":99", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


@linux_only
def test_missing_library_is_named_with_packages_and_no_abort(tmp_path):
    platforms = broken_plugin(tmp_path, "libxcb-cursor.so.0", "libxcb-cursor.so.7")
    done = start_app(tmp_path, platforms)
    assert done.returncode == EXIT_MISSING_LIBRARIES, done.stderr  # Qt alone: -6 (abort)
    assert "libxcb-cursor.so.7" in done.stderr
    assert "无法打开窗口" in done.stderr  # Chinese by default
    assert "sudo apt-get install " + " ".join(desktop_packages()) in done.stderr
    assert "Traceback" not in done.stderr and "could not be initialized" not in done.stderr


@linux_only
def test_message_in_english_on_request(tmp_path):
    platforms = broken_plugin(tmp_path, "libxcb-icccm.so.4", "libxcb-iccxx.so.4")
    done = start_app(tmp_path, platforms, "--lang", "en")
    assert done.returncode == EXIT_MISSING_LIBRARIES
    assert "the window cannot open" in done.stderr and "libxcb-iccxx.so.4" in done.stderr


@linux_only
def test_packages_named_for_what_ldd_finds_missing(tmp_path):
    platforms = broken_plugin(tmp_path, "libxcb-keysyms.so.1", "libxcb-keysyms.so.8")
    missing = missing_libraries(platforms / "libqxcb.so")
    assert "libxcb-keysyms.so.8" in missing
    assert "libQt6XcbQpa.so.6" not in missing  # Qt's own libraries resolve beside the plugin


@linux_only
def test_qt_itself_finds_nothing_missing_once_the_packages_are_installed():
    """On a machine set up per the README, the real plugin resolves; what may still be
    missing (a machine without the X11 libraries) all has a package to name."""
    missing = missing_libraries(QT / "plugins" / "platforms" / "libqxcb.so")
    assert all(name in PACKAGES for name in missing), missing


@pytest.mark.parametrize(("environ", "platform", "expected"), [
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb:nomousewheel"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux", False),
    ({"DISPLAY": ":0"}, "linux", True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "win32", False),
])
def test_checked_only_when_qt_will_load_xcb(environ, platform, expected):
    assert uses_xcb(environ, platform) is expected


def test_readme_and_ci_install_every_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / "scripts" / "check_install.sh").read_text(encoding="utf-8")
    for package in desktop_packages():
        assert f" {package}" in readme, package
        assert f" {package}" in ci, package
