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
    """Create the demo project at ``path`` (which must not exist) and return it open."""
    from .ingest.importer import import_paths
    from .ingest.options import Options
    from .prehighlight.runner import project_engine

    project = Project.create(path)
    try:
        engine = project_engine(project, "重庆市")
        options = Options(split_stories=True, region="重庆市")
        import_paths(project, [resource_path("demo")], options, engine=engine)
    except BaseException:
        project.close()
        path.unlink(missing_ok=True)
        raise
    return project


def open_demo() -> Project:
    path = demo_project_path()
    return Project.open(path) if path.exists() else build_demo(path)
