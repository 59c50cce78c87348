"""What the workbench offers for one AGENCY span: ranked links, search, a new entry."""

from __future__ import annotations

import hashlib

from ..gazetteer import default_gazetteer
from ..model import Document, Span
from ..store import Project
from . import project_kb
from .jurisdiction import Jurisdiction, infer_jurisdiction
from .knowledge import COMPOSED_PREFIX
from .linker import Linker
from .model import Agency, Alias, Link


class AgencyLinks:
    """The project's knowledge base and linker, and each document's jurisdiction, kept warm."""

    def __init__(self, project: Project):
        self.project = project
        self.reload()

    def reload(self) -> None:
        """After the knowledge base changed (an entry created or merged)."""
        self.kb = project_kb.load(self.project)
        self.linker = Linker(self.kb, default_gazetteer())
        self._jurisdictions: dict[str, Jurisdiction] = {}

    def jurisdiction(self, doc: Document) -> Jurisdiction:
        if doc.id not in self._jurisdictions:
            meta = {**doc.meta, "default_region": self.project.setting("region")}
            self._jurisdictions = {doc.id: infer_jurisdiction(doc.text, meta, default_gazetteer())}
        return self._jurisdictions[doc.id]

    def suggest(self, doc: Document, span: Span, limit: int = 5) -> list[Link]:
        """The linker's best entries for the span's text in this document, best first."""
        mention = doc.text[span.start:span.end]
        return self.linker.link(mention, self.jurisdiction(doc), limit, at=span.start)

    def search(self, query: str, limit: int = 20, doc: Document | None = None) -> list[Agency]:
        """Type-ahead over the base and the project's entries; with ``doc``, the bodies of
        its jurisdiction first (民政局 in a Chongqing article: 重庆市民政局 leads)."""
        if not query.strip():
            return []
        codes = [code for code, _w in self.jurisdiction(doc).codes] if doc is not None else []
        return self.kb.search(query, limit, codes)

    def create(self, name: str, level: str | None, region: str | None, parent: str | None,
               annotator: str, mention: str | None = None) -> Agency:
        """A new entry made by an annotator, stored; see ``entry``."""
        agency = self.entry(name, level, region, parent, annotator, mention)
        project_kb.merge(self.project, [agency], annotator=annotator)
        self.reload()
        return agency

    def entry(self, name: str, level: str | None, region: str | None, parent: str | None,
              annotator: str, mention: str | None = None) -> Agency:
        """A new entry as an annotator describes it, not stored yet: the mention becomes its
        alias, local in scope."""
        digest = hashlib.sha1(f"{name}|{region}".encode()).hexdigest()[:10]
        aliases = [Alias(name)]
        if mention and mention != name:
            aliases.append(Alias(mention, "local"))
        code, region = self._region(region, parent)
        return Agency(f"user-{digest}", name.strip(), level or None, code, region,
                      None, parent or None, tuple(aliases), source=f"user:{annotator}")

    def adopt(self, agency_id: str, annotator: str) -> Agency | None:
        """Accept a composed entry (named by its structure): it becomes the project's own."""
        agency = self.kb.get(agency_id)
        if agency is not None and agency_id.startswith(COMPOSED_PREFIX):
            project_kb.merge(self.project, [agency], annotator=annotator)
            self.reload()
        return agency

    def _region(self, region: str | None, parent: str | None) -> tuple[str | None, str | None]:
        """The division code local names resolve by: the parent's, else the named region's."""
        above = self.kb.get(parent) if parent else None
        if above is not None and above.region_code:
            return above.region_code, region or above.region
        for start in range(len(region or "")):
            found = default_gazetteer().lookup((region or "")[start:])
            if found:
                return found[0].code, region
        return None, region or None
