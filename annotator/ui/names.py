"""Words of the core's vocabulary (statuses, agency levels, candidate sources, labels,
kinds of disagreement) as the interface says them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ..core.model import Attribute, Label, Schema
from ..core.store.spans import SpanError


def level_name(level: str | None) -> str:
    names = {
        "central": QCoreApplication.translate("Level", "central"),
        "provincial": QCoreApplication.translate("Level", "provincial"),
        "municipal": QCoreApplication.translate("Level", "municipal"),
        "county": QCoreApplication.translate("Level", "county"),
        "township": QCoreApplication.translate("Level", "township"),
        "community": QCoreApplication.translate("Level", "community"),
    }
    return names.get(level or "", level or "")


def source_name(source: str, schema: Schema | None = None) -> str:
    """Where a candidate came from: the knowledge base, a rule family (named by its label
    when ``schema`` has it: 规则 · 日期), another tool."""
    if source == "gazetteer":
        return QCoreApplication.translate("Source", "knowledge base")
    if source.startswith("rule:"):
        rule = QCoreApplication.translate("Source", "rule")
        family = source.removeprefix("rule:").upper()
        if schema is not None and family in schema.names():
            return f"{rule} · {label_name(schema.label(family))}"
        return rule
    return source


def status_name(status: str) -> str:
    """A document status, or an annotator's own (new, in progress, done)."""
    names = {
        "suggested": QCoreApplication.translate("Status", "suggested"),
        "annotated": QCoreApplication.translate("Status", "annotated"),
        "reviewed": QCoreApplication.translate("Status", "reviewed"),
        "gold": QCoreApplication.translate("Status", "gold"),
        "new": QCoreApplication.translate("Status", "new"),
        "in_progress": QCoreApplication.translate("Status", "in progress"),
        "done": QCoreApplication.translate("Status", "done"),
    }
    return names.get(status, status)


def speaks_chinese() -> bool:
    """The interface speaks Chinese (the default locale is set with the language)."""
    return QLocale().language() == QLocale.Language.Chinese


def label_name(label: Label) -> str:
    """A label's name in the interface's language."""
    return label.zh if speaks_chinese() else label.en


def attribute_name(attribute: Attribute) -> str:
    """A label attribute's name in the interface's language, as the schema gives it."""
    return attribute.zh if speaks_chinese() else attribute.en


def label_description(label: Label) -> str:
    """What a label is for, in the interface's language when the schema says it in Chinese
    (a project's own older schema copy may not: then as it was written)."""
    return label.description_zh if speaks_chinese() and label.description_zh else label.description


def kind_name(kind: str) -> str:
    """A kind of disagreement between annotators' versions."""
    names = {
        "missing": QCoreApplication.translate("Disagreement", "missing in some layers"),
        "boundary": QCoreApplication.translate("Disagreement", "boundary"),
        "label": QCoreApplication.translate("Disagreement", "label"),
        "link": QCoreApplication.translate("Disagreement", "link"),
        "value": QCoreApplication.translate("Disagreement", "value"),
    }
    return names.get(kind, kind)


def gesture_name(kind: str) -> str:
    """What an editing gesture did, as the Edit menu's undo and redo entries say it."""
    names = {
        "accept": QCoreApplication.translate("Gesture", "accept candidate"),
        "reject": QCoreApplication.translate("Gesture", "reject candidate"),
        "relabel": QCoreApplication.translate("Gesture", "relabel"),
        "label": QCoreApplication.translate("Gesture", "label"),
        "adjust": QCoreApplication.translate("Gesture", "adjust boundaries"),
        "attrs": QCoreApplication.translate("Gesture", "edit attributes"),
        "link": QCoreApplication.translate("Gesture", "link agency"),
        "comment": QCoreApplication.translate("Gesture", "comment on span"),
        "accept_all": QCoreApplication.translate("Gesture", "accept all candidates"),
        "label_all": QCoreApplication.translate("Gesture", "label all occurrences"),
        "accept_undecided": QCoreApplication.translate("Gesture", "accept undecided candidates"),
        "reject_undecided": QCoreApplication.translate("Gesture", "reject undecided candidates"),
        "mark_done": QCoreApplication.translate("Gesture", "mark done"),
        "new_agency": QCoreApplication.translate("Gesture", "new agency and link"),
        "review_pick": QCoreApplication.translate("Gesture", "take a version into gold"),
        "review_reject": QCoreApplication.translate("Gesture", "reject in gold"),
        "review_add": QCoreApplication.translate("Gesture", "add a missing span to gold"),
        "finish_review": QCoreApplication.translate("Gesture", "finish the review"),
        "mark_gold": QCoreApplication.translate("Gesture", "mark gold"),
    }
    return names.get(kind, kind)


def refusal(error: SpanError, schema: Schema | None = None) -> str:
    """Why the project refused an edit, in the interface's language: an overlapping nudge
    names the span it would have run into."""
    d = error.details
    if error.reason == "overlap":
        label = str(d["label"])
        if schema is not None and label in schema.names():
            label = label_name(schema.label(label))
        text = QCoreApplication.translate(
            "Refusal", "it would overlap the {label} at {start}–{end}")
        return text.format(label=label, start=d["start"], end=d["end"])
    if error.reason == "open_disagreements":
        text = QCoreApplication.translate("Refusal", "{n} disagreements still wait for a decision")
        return text.format(n=d["count"])
    texts = {
        "outside": QCoreApplication.translate("Refusal", "a span cannot reach past the text"),
        "empty": QCoreApplication.translate("Refusal", "a span cannot be empty"),
        "no_text": QCoreApplication.translate("Refusal", "the selection holds no text"),
        "nothing_here": QCoreApplication.translate("Refusal", "no layer has a span here"),
        "not_reviewable": QCoreApplication.translate(
            "Refusal", "this document has no two annotators' layers, nor one of your own, "
                       "to take into gold"),
    }
    return texts.get(error.reason, str(error))
