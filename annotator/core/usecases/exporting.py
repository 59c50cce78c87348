"""Exports in any format of the catalogue, and dataset releases."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..exchange.export import Selection
from ..formats import FormatError, export, format_info
from ..release import ReleaseOptions, make_release
from ..store import Project


@dataclass
class ExportReport:
    """What an export wrote: documents, the files, what the format could not carry (one line
    each), and the PII spans written unmasked (to be said before the file travels)."""

    format: str
    output: Path
    documents: int
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pii_spans: int = 0


def export_documents(
    project: Project, fmt: str, out: str | Path, selection: Selection | None = None
) -> ExportReport:
    """Export the selection's layer of the project's documents in ``fmt``.

    ``FormatError`` for an unknown format or raw offsets asked of a format without them;
    ``WriteRefused`` for a target that must not be overwritten."""
    info = format_info(fmt)
    if selection is not None and selection.raw_offsets and fmt != "jsonl":
        raise FormatError("raw offsets are only written in jsonl")
    result = export(project, fmt, out, selection)
    return ExportReport(fmt, Path(out), result.documents, list(result.paths),
                        result.notes.lines(), result.pii_spans if info.pii else 0)


@dataclass
class ReleaseReport:
    """A release: its folder, documents per split, files written and notes."""

    output: Path
    counts: dict[str, int]
    files: list[Path]
    notes: list[str]
    manifest: dict


def release_dataset(project: Project, out: str | Path, options: ReleaseOptions) -> ReleaseReport:
    """Train/dev/test files of the gold documents with a manifest (``release.make_release``);
    ``ReleaseError`` says why a release cannot be made as asked."""
    release = make_release(project, out, options)
    counts = {name: c["documents"] for name, c in release.manifest["counts"].items()}
    return ReleaseReport(Path(out), counts, list(release.files), list(release.notes),
                         release.manifest)
