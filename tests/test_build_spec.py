"""build.spec stays buildable, checked in a second without building (scripts/build_app.sh builds).

The spec is run as PyInstaller runs it, with its build targets replaced by recorders, once per
platform it branches on: its version is pyproject's, the data it names exists and covers every
file the app reads, its hidden imports resolve and its excludes are nothing the app imports.
"""

import ast
import importlib.util
import sys
import types
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # the spec reads pyproject.toml with it (Python 3.11+)

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"
RESOURCES = ROOT / "resources"
PLATFORMS = ["linux", "win32", "darwin"]


class Target:
    """Stands in for Analysis, PYZ, EXE, COLLECT, BUNDLE and the version-info classes."""

    made: list["Target"] = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.pure, self.scripts, self.binaries = [], [], []
        # PyInstaller's entries are (name in the bundle, source, type)
        self.datas = [(f"{dest}/{Path(src).name}", src, "DATA")
                      for src, dest in kwargs.get("datas", [])]
        Target.made.append(self)

    @property
    def kind(self) -> str:
        return type(self).__name__


def _targets() -> dict[str, type]:
    return {name: type(name, (Target,), {}) for name in
            ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}


def _module(name: str, **attrs) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    return module


def run_spec(monkeypatch, platform: str) -> tuple[dict, list[Target], list[tuple]]:
    """Execute build.spec for ``platform``; returns its globals, the targets it made and the
    packages whose data it collected."""
    collected: list[tuple] = []

    def collect_data_files(package, **kwargs):
        collected.append((package, kwargs))
        return []

    hooks = _module("PyInstaller.utils.hooks", collect_data_files=collect_data_files,
                    copy_metadata=lambda name, **kwargs: [])
    versioninfo = _module("PyInstaller.utils.win32.versioninfo",
                          __getattr__=lambda name: type(name, (Target,), {}))
    for name, module in {
        "PyInstaller": _module("PyInstaller"),
        "PyInstaller.utils": _module("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.utils.win32": _module("PyInstaller.utils.win32"),
        "PyInstaller.utils.win32.versioninfo": versioninfo,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(Target, "made", [])
    namespace = {"__name__": "__main__", "__file__": str(SPEC), "SPECPATH": str(ROOT),
                 **_targets()}
    code = compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    real, sys.platform = sys.platform, platform  # only while the spec runs
    try:
        exec(code, namespace)
    finally:
        sys.platform = real
    return namespace, Target.made, collected


def made(targets: list[Target], kind: str) -> list[Target]:
    return [t for t in targets if t.kind == kind]


def pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]


def test_spec_compiles():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


@pytest.mark.parametrize("platform", PLATFORMS)
def test_name_and_version_come_from_pyproject(monkeypatch, platform):
    namespace, targets, _ = run_spec(monkeypatch, platform)
    project = pyproject()
    assert namespace["VERSION"] == project["version"]
    assert namespace["APP_NAME"] in project["scripts"]
    (coll,) = made(targets, "COLLECT")
    assert coll.kwargs["name"] == namespace["APP_NAME"]
    names = [exe.kwargs["name"] for exe in made(targets, "EXE")]
    assert names[0] == namespace["APP_NAME"]
    if platform == "win32":  # a console twin carries the command line's output
        assert names == [namespace["APP_NAME"], namespace["APP_NAME"] + "-cli"]
        assert all(exe.kwargs["version"] is not None for exe in made(targets, "EXE"))
    else:
        assert len(names) == 1


def test_macos_bundle_carries_identifier_and_version(monkeypatch):
    namespace, targets, _ = run_spec(monkeypatch, "darwin")
    (bundle,) = made(targets, "BUNDLE")
    assert bundle.args == tuple(made(targets, "COLLECT"))
    assert bundle.kwargs["name"].endswith(".app")
    assert bundle.kwargs["bundle_identifier"].count(".") >= 2
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == pyproject()["version"]
    assert plist["NSHighResolutionCapable"] is True
    assert not made(run_spec(monkeypatch, "linux")[1], "BUNDLE")


def test_data_it_names_exists(monkeypatch):
    namespace, targets, collected = run_spec(monkeypatch, "linux")
    for pattern in namespace["RESOURCES"]:
        assert list(RESOURCES.glob(pattern)), pattern
    (analysis,) = made(targets, "Analysis")
    for script in analysis.args[0]:
        assert Path(script).is_file(), script
    sources = [Path(src) for src, _dest in analysis.kwargs["datas"]]
    assert sources and all(src.is_file() for src in sources)
    assert not any(src.suffix in (".py", ".ts") for src in sources), "build inputs stay out"
    assert "jieba" in [package for package, _ in collected]


def _resource_reads() -> set[tuple[str, ...]]:
    """Every ``resource_path("a", "b")`` in the app whose parts are written out literally."""
    reads = set()
    for path in (ROOT / "annotator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "resource_path"
                    and node.args and all(isinstance(a, ast.Constant) for a in node.args)):
                reads.add(tuple(a.value for a in node.args))
    return reads


def test_every_file_the_app_reads_is_bundled(monkeypatch):
    _, targets, _ = run_spec(monkeypatch, "linux")
    (analysis,) = made(targets, "Analysis")
    bundled = {Path(src).resolve().relative_to(RESOURCES).as_posix()
               for src, _dest in analysis.kwargs["datas"] if Path(src).is_relative_to(RESOURCES)}
    reads = _resource_reads()
    assert ("newspapers.json",) in reads  # the scan finds the calls
    for parts in reads:
        wanted = "/".join(parts)
        assert wanted in bundled or any(b.startswith(wanted + "/") for b in bundled), wanted
    assert any(b.startswith("i18n/") and b.endswith(".qm") for b in bundled)


def test_resources_sit_where_the_installed_package_has_them(monkeypatch):
    """annotator/resources/<folder>/, as in a wheel: the frozen app finds them there."""
    _, targets, _ = run_spec(monkeypatch, "linux")
    (analysis,) = made(targets, "Analysis")
    resources = [(Path(src), dest) for src, dest in analysis.kwargs["datas"]
                 if Path(src).is_relative_to(RESOURCES)]
    assert resources
    for src, dest in resources:
        wanted = (Path("annotator/resources") / src.relative_to(RESOURCES).parent).as_posix()
        assert dest == wanted, src


def test_version_file_carries_pyproject_version(monkeypatch):
    """The frozen app's version when the distribution's metadata is missing."""
    _, targets, _ = run_spec(monkeypatch, "linux")
    (analysis,) = made(targets, "Analysis")
    (src,) = [Path(src) for src, dest in analysis.kwargs["datas"]
              if dest == "annotator" and Path(src).name == "VERSION"]
    assert src.read_text(encoding="utf-8").strip() == pyproject()["version"]


def test_only_jieba_word_list_is_kept(monkeypatch):
    namespace, _, _ = run_spec(monkeypatch, "linux")
    unused = namespace["unused_jieba_data"]
    assert not unused("jieba/dict.txt")
    assert unused("jieba/analyse/idf.txt") and unused("jieba/finalseg/prob_emit.p")
    assert not unused("annotator/resources/lexicon/surnames.txt") and not unused("jieba")


def test_hidden_imports_resolve(monkeypatch):
    namespace, _, _ = run_spec(monkeypatch, "linux")
    assert namespace["hiddenimports"]
    for name in namespace["hiddenimports"]:
        assert importlib.util.find_spec(name) is not None, name


def _imported_modules() -> set[str]:
    names = set()
    for path in (ROOT / "annotator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return names


def test_excludes_are_nothing_the_app_imports(monkeypatch):
    namespace, _, _ = run_spec(monkeypatch, "linux")
    imported = _imported_modules()
    for excluded in namespace["excludes"]:
        clash = [m for m in imported if m == excluded or m.startswith(excluded + ".")]
        assert not clash, f"{excluded} is excluded from the build but imported: {clash}"
