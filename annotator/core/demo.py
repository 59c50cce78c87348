"""The demo project: the bundled sample articles, imported and pre-highlighted."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from .resources import resource_path
from .store import Project

APP_NAME = "gov-news-annotator"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def demo_project_path() -> Path:
    return data_dir() / "demo.annot"


def build_demo(path: Path) -> Project:
    """Create the demo project at ``path`` (which must not exist) and return it open: the
    sample articles imported as a user would, pages split into stories, pre-highlighted."""
    from .usecases.importing import ImportRequest, import_files
    from .usecases.projects import create_project

    project = create_project(path)
    try:
        request = ImportRequest((resource_path("demo"),), split_stories=True, region="重庆市")
        import_files(project, request)
    except BaseException:
        project.close()
        path.unlink(missing_ok=True)
        raise
    return project


def open_demo() -> Project:
    path = demo_project_path()
    return Project.open(path) if path.exists() else build_demo(path)
