"""A regular (non-editable) install carries its data: ``pip install .`` and the commands run
from any folder. The data lives in resources/ and is installed as annotator.resources."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
tomllib = pytest.importorskip("tomllib")  # Python 3.11+


def setuptools_config() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["tool"]["setuptools"]


def test_every_package_is_listed():
    """The package list is explicit (a mapped folder defeats discovery): a new subpackage
    left out of it would be missing from every install."""
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "annotator").rglob("__init__.py")}
    listed = set(setuptools_config()["packages"])
    assert found <= listed, sorted(found - listed)
    assert "annotator.resources" in listed


def test_every_data_pattern_matches_a_file():
    for pattern in setuptools_config()["package-data"]["annotator.resources"]:
        assert list((ROOT / "resources").glob(pattern)), pattern


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The project built and installed as pip does it for ``pip install .``, into a folder of
    its own, from a copy of the sources (no build leftovers of this checkout)."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("annotator", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=skip)
    target = tmp / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--target", str(target), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return target


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_DATA_HOME": str(cwd / "data"),
           "XDG_CONFIG_HOME": str(cwd / "config")}
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=300)


def test_installed_package_holds_its_data(installed):
    data = installed / "annotator" / "resources"
    assert (data / "schemas" / "gov-news-zh.json").is_file()
    assert (data / "i18n" / "annotator_zh_CN.qm").is_file()
    assert len(list((data / "demo").glob("*.txt"))) == 5
    assert not (installed / "resources").exists()  # no top-level package named "resources"
    assert not list(data.rglob("build_*.py"))  # generators stay in the repository


def test_installed_app_runs_from_an_empty_folder(installed, tmp_path):
    version = run_installed(installed, tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"annotator {project_version()}"
    selftest = run_installed(installed, tmp_path, "--selftest")
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert str(installed / "annotator" / "resources") in selftest.stdout


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]["version"]
