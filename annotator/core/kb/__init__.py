"""The canonical-agency knowledge base: records, files, the project copy, and linking."""

from .io import read_agencies, write_agencies
from .jurisdiction import Jurisdiction, infer_jurisdiction
from .knowledge import KnowledgeBase, default_kb
from .linker import NEW_PREFIX, Linker
from .model import Agency, Alias, FormerName

__all__ = [
    "NEW_PREFIX",
    "Agency",
    "Alias",
    "FormerName",
    "Jurisdiction",
    "KnowledgeBase",
    "Linker",
    "default_kb",
    "infer_jurisdiction",
    "read_agencies",
    "write_agencies",
]
