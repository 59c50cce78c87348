"""A project's sources beside its rules: the general model, and the model the project learnt
from its people's decisions, with the merge policy it measured.

The general model is a project's choice (setting ``general_model``: ``on``), off by default:
it tags about 25 times slower than the rules, and an import runs the engine inside its
write transactions. A project model learnt with it keeps it on, since its features read it.
"""

from __future__ import annotations

from typing import Any

from ..store import Project
from ..store import models as models_store
from .engine import MergePolicy
from .general_model import GeneralModel, shared_model
from .project_model import load

SETTING = "general_model"


def general_source() -> GeneralModel | None:
    """The general model, loaded once per process, or None when its package is absent."""
    model = shared_model()
    return model if model.load() else None


def wants_general(project: Project) -> bool:
    """Whether the project chose the general model (``annotator learn --general-model on``)."""
    return project.setting(SETTING) == "on"


def project_sources(project: Project) -> dict[str, Any]:
    """``build_engine`` keywords: the general model, the project's model and its policy."""
    stored = models_store.latest(project)
    learnt_with = bool(stored and stored.summary.get("general_model"))
    general = general_source() if wants_general(project) or learnt_with else None
    if stored is None:
        return {"general": general}
    policy = MergePolicy.from_json(stored.summary.get("policy", {}))
    return {"general": general, "project": load(stored.body), "policy": policy}
