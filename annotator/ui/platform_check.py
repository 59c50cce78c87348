"""Before Qt starts on an X11 desktop: are the system libraries of its xcb plugin there?

PySide6's wheels carry Qt but not the X11 client libraries its xcb platform plugin links
against. When one is missing, Qt prints a hint about a plugin that "could not be loaded" and
aborts the interpreter (exit status 134), and the user is left guessing which package to
install. So on Linux, when Qt is about to use xcb, the plugin's dependencies are resolved first
(``ldd``), and any that are missing are named with the Debian/Ubuntu packages that provide
them, in one message and a plain non-zero exit status.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator

from ..core.resources import resource_path

EXIT_MISSING_LIBRARIES = 3

# Every system library Qt's xcb plugin and the Qt libraries it loads link against (ldd on
# Qt/plugins/platforms/libqxcb.so and xcbglintegrations/, PySide6 6.9-6.11), by the
# Debian/Ubuntu package that provides it; plus the CJK font the interface needs. Libraries
# these pull in themselves (libc, zlib, libpng, libXau...) are left out.
PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
FONT_PACKAGE = "fonts-noto-cjk"


def desktop_packages() -> list[str]:
    """Everything a bare Debian/Ubuntu machine needs for the window, in install order."""
    return [*dict.fromkeys(PACKAGES.values()), FONT_PACKAGE]


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Qt will load the xcb plugin: asked for by name, or chosen on an X11 session."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if asked:
        return asked == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def xcb_plugin(environ: Mapping[str, str]) -> Path:
    """The plugin file Qt would load: QT_QPA_PLATFORM_PLUGIN_PATH first, as Qt does."""
    override = environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    if override and (Path(override) / "libqxcb.so").is_file():
        return Path(override) / "libqxcb.so"
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return plugins / "platforms" / "libqxcb.so"


def missing_libraries(plugin: Path) -> list[str]:
    """Shared libraries the plugin (or a library it loads) needs and the loader cannot find;
    empty when ldd is unavailable, so that Qt reports for itself."""
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.is_file():
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                             timeout=20, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    missing = [line.split("=>")[0].strip() for line in out.splitlines()
               if line.strip().endswith("not found")]
    return list(dict.fromkeys(missing))


def packages_for(sonames: list[str]) -> list[str]:
    return list(dict.fromkeys(PACKAGES[name] for name in sonames if name in PACKAGES))


class Messages:
    """The interface translation, read without an application object (none exists yet):
    ``translate(context, text)`` as QCoreApplication's, the source text when untranslated."""

    def __init__(self, language: str):
        self.translator = QTranslator()
        if language != "en":
            self.translator.load(str(resource_path("i18n", f"annotator_{language}.qm")))

    def translate(self, context: str, text: str) -> str:
        return self.translator.translate(context, text) or text


def missing_message(sonames: list[str], language: str) -> str:
    """What to install, as one message: the packages for what is missing, then the full list."""
    tr = Messages(language)
    lines = [
        tr.translate("PlatformCheck", "annotator: the window cannot open: Qt's X11 (xcb) "
                                      "platform plugin needs system libraries that are not "
                                      "installed:"),
        "    " + " ".join(sonames),
    ]
    packages = packages_for(sonames)
    if packages:
        lines += [tr.translate("PlatformCheck", "On Debian or Ubuntu, install them with:"),
                  "    sudo apt-get install " + " ".join(packages)]
    lines += [tr.translate("PlatformCheck",
                           "Everything the desktop application needs on a bare machine:"),
              "    sudo apt-get install " + " ".join(desktop_packages())]
    return "\n".join(lines)


def check_platform(language: str, environ: Mapping[str, str] | None = None) -> int | None:
    """None when Qt can start; else prints what to install and returns the exit status."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ):
        return None
    missing = missing_libraries(xcb_plugin(environ))
    if not missing:
        return None
    print(missing_message(missing, language), file=sys.stderr)
    return EXIT_MISSING_LIBRARIES
