"""A project's sources beside its rules: the general model, and the model the project learnt
from its people's decisions, with the merge policy it measured.

The general model is a project's choice (setting ``general_model``: ``on``), off by default:
it tags about 25 times slower than the rules, and an import runs the engine inside its
write transactions. A project model learnt with it keeps it on, since its features read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class SourcesRecipe:
    """The sources beside the rules, as plain values a worker process can be sent: whether
    to load the general model, the learnt model's bytes and its merge policy."""

    general: bool = False
    model: bytes | None = None
    policy: Mapping[str, Any] | None = None

    def build(self) -> dict[str, Any]:
        """``build_engine`` keywords: the general model, the project's model and its policy."""
        general = general_source() if self.general else None
        if self.model is None:
            return {"general": general}
        return {"general": general, "project": load(self.model),
                "policy": MergePolicy.from_json(self.policy or {})}


def project_recipe(project: Project) -> SourcesRecipe:
    """The project's sources: its choice of the general model and its latest learnt model."""
    stored = models_store.latest(project)
    learnt_with = bool(stored and stored.summary.get("general_model"))
    general = wants_general(project) or learnt_with
    if stored is None:
        return SourcesRecipe(general)
    return SourcesRecipe(general, stored.body, stored.summary.get("policy", {}))
