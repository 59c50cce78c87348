"""Adjudication: where annotators' layers disagree, and the reviewer's decisions into gold.

Spans of all compared layers are grouped into clusters of overlapping spans; a cluster is
agreed when every layer has the same span there (offsets, label, link, attributes), else it
is a disagreement typed by what differs. The reviewer picks one layer's version, rejects the
cluster, or edits the gold layer directly; each decision is one transaction and one event
with the reviewer's name and an optional note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .layers import document_layers
from .model import GOLD, AnnotatorStatus, Span
from .store import Project, annotators, events
from .store import changes as records
from .store import documents as docs_store
from .store import spans as spans_store
from .store.changes import Gesture
from .store.project import now
from .store.spans import Change, SpanError

KINDS = ("missing", "boundary", "label", "link", "value")


@dataclass(frozen=True)
class Cluster:
    """Overlapping spans of several layers; ``versions[name]`` is that layer's spans there."""

    start: int
    end: int
    versions: dict[str, tuple[Span, ...]]
    kinds: tuple[str, ...]  # empty when every layer agrees

    @property
    def agreed(self) -> bool:
        return not self.kinds


def _signature(span: Span) -> tuple:
    return (span.start, span.end, span.label, span.agency_id,
            tuple(sorted((k, str(v)) for k, v in span.attrs.items())))


def human_layers(project: Project, doc_id: str,
                 reviewer: int | None = None) -> dict[str, list[Span]]:
    """The annotators' layers of a document to adjudicate, by name."""
    return document_layers(project, doc_id, reviewer)


def versions_to_review(project: Project, doc_id: str, reviewer: str) -> int:
    """How many annotators' layers ``reviewer`` would adjudicate: review needs two or more."""
    return len(human_layers(project, doc_id, annotators.find(project, reviewer)))


def gold_layer(project: Project, doc_id: str) -> tuple[int | None, list[Span]]:
    """The gold layer's owner id and its spans in a document, for reading it: (None, []) in a
    project nobody has reviewed yet; the read makes no gold layer."""
    gold = annotators.find(project, GOLD)
    return gold, spans_store.layer(project, doc_id, gold) if gold is not None else []


def reviewable(project: Project, doc_id: str, reviewer: str) -> bool:
    """Whether ``reviewer`` may take the document into gold: two or more annotators' layers to
    adjudicate, or, where the reviewer annotated it alone, their own layer to confirm."""
    layers = human_layers(project, doc_id, annotators.find(project, reviewer))
    return len(layers) >= 2 or list(layers) == [reviewer]


def clusters(layers: dict[str, list[Span]]) -> list[Cluster]:
    """Group overlapping spans across layers, in text order."""
    tagged = sorted(((s, name) for name, spans in layers.items() for s in spans),
                    key=lambda t: (t[0].start, t[0].end))
    groups: list[list[tuple[Span, str]]] = []
    end = -1
    for span, name in tagged:
        if groups and span.start < end:
            groups[-1].append((span, name))
            end = max(end, span.end)
        else:
            groups.append([(span, name)])
            end = span.end
    return [_cluster(group, list(layers)) for group in groups]


def _cluster(group: list[tuple[Span, str]], names: list[str]) -> Cluster:
    versions = {name: tuple(s for s, n in group if n == name) for name in names}
    return Cluster(min(s.start for s, _ in group), max(s.end for s, _ in group), versions,
                   _kinds(versions))


def _kinds(versions: dict[str, tuple[Span, ...]]) -> tuple[str, ...]:
    sigs = {tuple(_signature(s) for s in spans) for spans in versions.values()}
    if len(sigs) == 1:
        return ()
    kinds = set()
    if any(not spans for spans in versions.values()):
        kinds.add("missing")
    present = [spans for spans in versions.values() if spans]
    bounds = {tuple((s.start, s.end) for s in spans) for spans in present}
    labels = {tuple(s.label for s in spans) for spans in present}
    links = {tuple(s.agency_id for s in spans) for spans in present}
    values = {tuple(tuple(sorted((k, str(v)) for k, v in s.attrs.items())) for s in spans)
              for spans in present}
    for kind, variants in (("boundary", bounds), ("label", labels), ("link", links),
                           ("value", values)):
        if len(variants) > 1:
            kinds.add(kind)
    return tuple(k for k in KINDS if k in kinds)


class Reviewer:
    """One reviewer's adjudication of documents into the gold layer."""

    def __init__(self, project: Project, name: str):
        self.project = project
        self.name = name
        self.me = project.annotator_id(name, "reviewer")
        self.gold = project.annotator_id(GOLD, GOLD)

    def queue(self, doc_id: str) -> list[Cluster]:
        """The disagreements of a document, in text order."""
        return [c for c in clusters(self.layers(doc_id)) if not c.agreed]

    def layers(self, doc_id: str) -> dict[str, list[Span]]:
        """The versions to adjudicate: the annotators', never this reviewer's for reviewing."""
        return human_layers(self.project, doc_id, self.me)

    def start(self, doc_id: str, preaccept: bool = True) -> int:
        """Open a document for review; spans every annotator agrees on go to gold at once
        (with one annotator's layer, all of it: there is nothing to compare)."""
        return len(self._start(doc_id, preaccept))

    def _start(self, doc_id: str, preaccept: bool) -> tuple[Change, ...]:
        with self.project.transaction():
            if spans_store.layer(self.project, doc_id, self.gold):
                return ()
            layers = self.layers(doc_id)
            agreed = [s for c in clusters(layers) if c.agreed
                      for s in next(iter(c.versions.values()))
                      ] if preaccept or len(layers) == 1 else []
            spans = [replace(s, id=None, annotator=None) for s in agreed]
            spans_store.replace_layer(self.project, doc_id, self.gold, spans,
                                      actor_id=self.me, action="review_start")
            mine = docs_store.annotator_statuses_by_id(self.project, doc_id).get(self.me)
            if mine != AnnotatorStatus.DONE:
                docs_store.set_annotator_status(self.project, doc_id, self.me,
                                                AnnotatorStatus.IN_PROGRESS)
            return spans_store.as_added(doc_id, self.gold,
                                        spans_store.layer(self.project, doc_id, self.gold))

    def pick(self, doc_id: str, cluster: Cluster, version: str, note: str = "") -> Gesture:
        """Gold takes ``version``'s spans where the cluster stands (none: the span is dropped)."""
        return self._decide(doc_id, cluster, list(cluster.versions[version]),
                            {"decision": "pick", "version": version, "note": note})

    def reject(self, doc_id: str, cluster: Cluster, note: str = "") -> Gesture:
        return self._decide(doc_id, cluster, [], {"decision": "reject", "note": note})

    def add_missing(self, doc_id: str, cluster: Cluster, label: str, note: str = "") -> Gesture:
        """A span some layers lack goes to gold with ``label``, where the layers that have it
        put it (the first such layer's bounds)."""
        present = next((spans for spans in cluster.versions.values() if spans), ())
        if not present:
            raise SpanError("no layer has a span here", "nothing_here")
        spans = [replace(s, label=label, attrs={} if label != s.label else s.attrs,
                         agency_id=s.agency_id if label == s.label else None,
                         agency_name=s.agency_name if label == s.label else None)
                 for s in present]
        return self._decide(doc_id, cluster, spans,
                            {"decision": "add", "label": label, "note": note})

    def decided(self, doc_id: str) -> set[tuple[int, int]]:
        """Where decisions stand (cluster bounds), from the event log: an undone decision no
        longer does, until it is redone."""
        out: set[tuple[int, int]] = set()
        for e in reversed(events.history(self.project.db, doc_id, limit=100_000)):
            if e["action"] in ("review_decision", "review_undo"):
                bounds = (e["before"]["start"], e["before"]["end"])
                (out.add if e["action"] == "review_decision" else out.discard)(bounds)
        return out

    def finish(self, doc_id: str, status: str = "gold") -> Gesture:
        """The document is reviewed into ``status`` (gold): the reviewer's part is done."""
        def done() -> tuple[Change, ...]:
            docs_store.set_annotator_status(self.project, doc_id, self.me, "done")
            docs_store.set_status(self.project, doc_id, status, self.me)
            return ()
        return records.record(self.project, "finish_review", doc_id, done)

    def mark_gold(self, doc_id: str) -> Gesture:
        """Review and finish in one step, where there is nothing to adjudicate: the layers
        agree (or there is one), so gold is what they say. Refused while they disagree."""
        def review() -> tuple[Change, ...]:
            open_ = open_clusters(self.queue(doc_id), self.decided(doc_id))
            if open_:
                raise SpanError(f"{len(open_)} disagreements of {doc_id} wait for a decision",
                                "open_disagreements", count=len(open_))
            if not reviewable(self.project, doc_id, self.name):
                raise SpanError(f"{doc_id} has no two annotators' layers, nor one of its "
                                f"reviewer's own, to take into gold", "not_reviewable")
            changes = self._start(doc_id, preaccept=True)
            self.finish(doc_id)
            return changes
        return records.record(self.project, "mark_gold", doc_id, review)

    # -- undo and redo --------------------------------------------------------------------
    def undo(self, gesture: Gesture) -> Gesture:
        """Put back what a decision changed in gold and the statuses; the decision is open
        again."""
        with self.project.transaction():
            done = records.replay(self.project, gesture.inverse(), self.me)
            if gesture.decision is not None:
                events.log(self.project.db, now(), self.me, "review_undo", gesture.doc_id,
                           before=gesture.decision["before"])
        return done

    def redo(self, gesture: Gesture) -> Gesture:
        with self.project.transaction():
            done = records.replay(self.project, gesture, self.me)
            if gesture.decision is not None:
                self._log(gesture.doc_id, gesture.decision)
        return done

    def _decide(self, doc_id: str, cluster: Cluster, spans: list[Span],
                decision: dict) -> Gesture:
        logged = {"before": {"start": cluster.start, "end": cluster.end,
                             "kinds": list(cluster.kinds)},
                  "after": {**decision, "spans": [spans_store.record(s) for s in spans]}}

        def write() -> list[Change]:
            changes = [spans_store.delete(self.project, spans_store.stored_id(old), self.me)
                       for old in spans_store.layer(self.project, doc_id, self.gold)
                       if old.start < cluster.end and cluster.start < old.end]
            changes += [spans_store.add(self.project, doc_id, self.gold,  # the reviewer's doing
                                        replace(span, id=None, annotator=GOLD), actor_id=self.me)
                        for span in spans]
            self._log(doc_id, logged)
            return changes
        return records.record(self.project, "review_" + decision["decision"], doc_id, write,
                              decision=logged)

    def _log(self, doc_id: str, logged: dict) -> None:
        events.log(self.project.db, now(), self.me, "review_decision", doc_id,
                   before=logged["before"], after=logged["after"])


def open_clusters(queue: Iterable[Cluster], decided: set[tuple[int, int]]) -> list[Cluster]:
    """The disagreements of a queue still waiting for a decision."""
    return [c for c in queue if (c.start, c.end) not in decided]
