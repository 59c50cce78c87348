"""Bad input as the import reports it; the types live in :mod:`annotator.core.problems`.

Kept so the many readers, writers and commands that name ``ingest.problems`` go on working.
"""

from ..problems import InputError, Problem

__all__ = ["InputError", "Problem"]
