"""A dataset release: train/dev/test files of gold documents and a manifest to trust them by.

The split is by document id alone — ``sha256(seed, id)`` read as a fraction — so a
document stays in its split when others are added or removed, and the same project and
seed give the same files byte for byte (the manifest has no timestamp for that reason).
Personal identifiers never leave by default: a release with PII spans is refused unless
they are masked (each character becomes ``＊``, offsets hold, the span keeps its label) or
the documents holding them are dropped.

The release is written into a new folder beside the target and swapped in only when
complete, so a release that fails (a full disk, say) leaves the previous one as it was.
The previous release's files are deleted only where provably ours: found by walking the
folder and listed in its manifest with the same sha256. A path in the manifest is never
followed, so a manifest naming ``../x`` or ``/etc/x`` cannot make the tool delete it.
Files the user added to the folder stay in it; a release file the user changed stops the
release (named in the error) before anything is written.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from .atomic import (
    WriteRefused,
    atomic_text,
    changed_files,
    check_folder_target,
    name_files,
    sha256_file,
    staged_folder,
)
from .exchange.export import Selection
from .formats import (
    EXPORT_FORMATS,
    Notes,
    format_info,
    iter_documents,
    without_cycle_collection,
    write,
)
from .jsonl_line import dumps
from .model import DocStatus
from .prehighlight.pii import find_pii
from .store import Project

SPLITS = ("train", "dev", "test")
GOLD_STATUSES = (DocStatus.REVIEWED, DocStatus.GOLD)
PII_LABEL = "PII"
MASK = "＊"
PII_MODES = ("mask", "drop")
MANIFEST = "manifest.json"
NOTES_FILE = "conversion-notes.md"


class ReleaseError(Exception):
    """A release that cannot be made as asked; the message says what to do."""


@dataclass(frozen=True)
class ReleaseOptions:
    pii: str | None = None  # "mask" | "drop"; None refuses when PII spans exist
    seed: int = 0
    split: tuple[float, float, float] = (0.8, 0.1, 0.1)
    statuses: tuple[str, ...] = GOLD_STATUSES
    formats: tuple[str, ...] = ()  # besides gold JSONL, which is always written


@dataclass
class Release:
    manifest: dict
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse_split(text: str) -> tuple[float, float, float]:
    """``"0.8,0.1,0.1"`` → fractions that sum to 1."""
    try:
        parts = tuple(float(p) for p in text.split(","))
    except ValueError:
        raise ReleaseError(f"--split {text!r}: three numbers, e.g. 0.8,0.1,0.1") from None
    return _check_split(parts)


def _check_split(parts: Sequence[float]) -> tuple[float, float, float]:
    if len(parts) != 3 or any(p < 0 for p in parts) or abs(sum(parts) - 1) > 1e-6:
        raise ReleaseError(f"split {tuple(parts)}: three fractions >= 0 that sum to 1")
    return (parts[0], parts[1], parts[2])


def split_of(doc_id: str, seed: int, split: Sequence[float]) -> str:
    """The split a document falls in: a function of its id and the seed only."""
    digest = hashlib.sha256(f"{seed}\x00{doc_id}".encode()).digest()
    x = int.from_bytes(digest[:8], "big") / 2**64
    if x < split[0]:
        return SPLITS[0]
    return SPLITS[1] if x < split[0] + split[1] else SPLITS[2]


def unlabelled_pii(doc: dict) -> list[tuple[int, int]]:
    """Identifiers the PII rules find that no PII span covers: a missed label must not leak."""
    labelled = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] == PII_LABEL]
    return [
        (c.start, c.end)
        for c in find_pii(doc["text"])
        if not any(a < c.end and c.start < b for a, b in labelled)
    ]


def mask_pii(doc: dict, extra: Sequence[tuple[int, int]] = ()) -> int:
    """Mask the PII spans (and ``extra`` ranges) of a document object in place.

    Every character becomes ``＊``, so offsets hold; each span's text is re-read from the
    masked text. Metadata strings (a title taken from the first line, say) lose the same
    strings, and the hash of the unmasked raw file is dropped. Returns the ranges masked.
    """
    ranges = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] == PII_LABEL]
    ranges += extra
    if not ranges:
        return 0
    chars = list(doc["text"])
    secrets = {doc["text"][a:b] for a, b in ranges}
    for a, b in ranges:
        chars[a:b] = MASK * (b - a)
    doc["text"] = text = "".join(chars)
    for s in doc["spans"]:
        s["text"] = text[s["start"] : s["end"]]
    meta = doc.get("meta") or {}
    meta.pop("raw_sha256", None)
    for key, value in meta.items():
        if isinstance(value, str):
            for secret in sorted(secrets, key=len, reverse=True):
                value = value.replace(secret, MASK * len(secret))
            meta[key] = value
    return len(ranges)


def make_release(project: Project, out_dir: str | Path, options: ReleaseOptions) -> Release:
    """Write the release into ``out_dir`` (created; a previous release there is replaced).

    The documents are read and written one at a time, so a release of any size needs the
    memory of one document; a release refused (PII, no gold) leaves ``out_dir`` as it was.
    """
    out = Path(out_dir)
    with without_cycle_collection():
        recorded = _check_folder(out)
        split = _check_options(options)
        try:
            with staged_folder(out, recorded) as stage:
                release = _write_release(project, stage, options, split)
        except WriteRefused as exc:
            raise ReleaseError(str(exc)) from None
        release.files = [out / p.relative_to(stage) for p in release.files]
        return release


def _check_options(options: ReleaseOptions) -> tuple[float, float, float]:
    split = _check_split(options.split)
    if options.pii not in (None, *PII_MODES):
        raise ReleaseError(f"--pii {options.pii!r}: one of {', '.join(PII_MODES)}")
    unknown = [f for f in options.formats if f not in EXPORT_FORMATS]
    if unknown:
        raise ReleaseError(f"unknown format {unknown[0]!r} (known: {', '.join(EXPORT_FORMATS)})")
    return split


@dataclass
class _Tally:
    """What the release holds, counted while it is written: for the manifest and refusals."""

    documents: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SPLITS, 0))
    characters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SPLITS, 0))
    labels: dict[str, Counter] = field(default_factory=lambda: {n: Counter() for n in SPLITS})
    chosen: int = 0  # documents of the statuses asked for
    pii_spans: int = 0
    missed: int = 0  # identifiers no PII span covers
    holding: int = 0  # documents with either
    masked: int = 0

    def add(self, name: str, doc: dict) -> None:
        self.documents[name] += 1
        self.characters[name] += len(doc["text"])
        self.labels[name].update(s["label"] for s in doc["spans"])

    def counts(self) -> dict:
        return {name: {"documents": self.documents[name],
                       "characters": self.characters[name],
                       "spans": sum(self.labels[name].values()),
                       "labels": dict(sorted(self.labels[name].items()))}
                for name in SPLITS}  # fmt: skip


def _released(project: Project, options: ReleaseOptions, tally: _Tally) -> Iterator[dict]:
    """The documents of the release, masked or dropped as asked, counted in ``tally``; with
    no PII mode, documents holding PII are counted and not given (the release is refused)."""
    for doc in iter_documents(project, Selection()):
        if doc["status"] not in options.statuses:
            continue
        tally.chosen += 1
        pii_spans = sum(s["label"] == PII_LABEL for s in doc["spans"])
        missed = unlabelled_pii(doc)
        if pii_spans or missed:
            tally.pii_spans += pii_spans
            tally.missed += len(missed)
            tally.holding += 1
            if options.pii != "mask":
                continue
            tally.masked += mask_pii(doc, missed)
        yield doc


def _write_release(project: Project, out: Path, options: ReleaseOptions,
                   split: tuple[float, float, float]) -> Release:
    """Every file of the release into ``out`` (the staging folder), the manifest last.

    Gold JSONL is written first, each document to its split's file as it is read; the other
    formats are then converted from those files, a document at a time.
    """
    release = Release({})
    tally = _Tally()
    paths = {name: out / f"{name}.jsonl" for name in SPLITS}
    with ExitStack() as files:
        fhs = {name: files.enter_context(atomic_text(paths[name])) for name in SPLITS}
        for doc in _released(project, options, tally):
            name = split_of(doc["id"], options.seed, split)
            fhs[name].write(dumps(doc) + "\n")
            tally.add(name, doc)
        _refuse(options, tally)
    release.files += paths.values()
    for fmt in dict.fromkeys(f for f in options.formats if f != "jsonl"):
        release.files += _write_format(fmt, paths, out, release)

    release.manifest = _manifest(project, options, split, tally.counts(), out, release.files)
    release.manifest["pii"] = {
        "mode": options.pii,
        "spans_masked": tally.masked,
        "documents_dropped": tally.holding if options.pii == "drop" else 0,
    }
    _write_json(out / MANIFEST, release.manifest)
    return release


def _refuse(options: ReleaseOptions, tally: _Tally) -> None:
    """Stop a release with no documents, or with PII and no mode to handle it."""
    if not tally.chosen:
        raise ReleaseError(
            f"no documents are {' or '.join(options.statuses)}; nothing was written. "
            "Review the annotated documents first"
        )
    if tally.holding and options.pii is None:
        raise ReleaseError(
            f"{tally.pii_spans} PII spans and {tally.missed} "
            f"unlabelled identifiers (phone, ID or certificate numbers) in {tally.holding} "
            "documents; nothing was written. Choose --pii mask (replace their characters "
            "with ＊) or --pii drop (leave those documents out)"
        )


def _split_lines(path: Path) -> Iterator[dict]:
    """The documents of a split file just written, read back one at a time."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _write_format(fmt: str, paths: dict[str, Path], out: Path, release: Release) -> list[Path]:
    folder = out / fmt
    files: list[Path] = []
    notes: list[Notes] = []
    for name in SPLITS:
        info = format_info(fmt)
        target = folder / name if info.folder else folder / f"{name}{info.suffix}"
        result = write(_split_lines(paths[name]), fmt, target)
        files += result.paths
        notes.append(result.notes)
    merged = Notes(fmt)
    for n in notes:
        merged.lost.update(n.lost)
        for r in n.remarks:
            merged.remark(r)
    release.notes += merged.lines()
    if fmt != "brat":  # brat has written its notes beside each split's files
        with atomic_text(folder / NOTES_FILE) as fh:
            fh.write(merged.text())
        files.append(folder / NOTES_FILE)
    return files


def _manifest(
    project: Project,
    options: ReleaseOptions,
    split: tuple[float, float, float],
    counts: dict,
    out: Path,
    files: Iterable[Path],
) -> dict:
    from .kb.base import default_base
    from .kb.project_kb import export as kb_export
    from .schema import guideline_text

    guideline = guideline_text(project.schema)
    kb = "".join(json.dumps(a.to_json(), ensure_ascii=False) + "\n" for a in kb_export(project))
    return {
        "tool": "gov-news-annotator",
        "tool_version": __version__,
        "project": project.path.name,
        "schema": project.schema.ref,
        "guidelines": {
            "file": project.schema.guidelines or None,
            "sha256": _sha(guideline.encode("utf-8")) if guideline else None,
        },
        "knowledge_base_sha256": _sha(kb.encode("utf-8")),
        "knowledge_base_base": default_base().stamp()._asdict(),  # what the entries lie over
        "statuses": list(options.statuses),
        "seed": options.seed,
        "split": dict(zip(SPLITS, split)),
        "split_rule": "sha256(f'{seed}\\x00{id}'): first 8 bytes as a fraction of 2**64",
        "counts": counts,
        "files": {
            p.relative_to(out).as_posix(): sha256_file(p)  # read in blocks, not whole
            for p in sorted(files, key=lambda p: p.relative_to(out).as_posix())
        },
    }


def _check_folder(out: Path) -> dict[str, str]:
    """An empty or missing folder, or a previous release: returns what that release wrote
    (relative path → sha256, its manifest included), to be replaced when the new one is whole.
    """
    if out.exists() and not out.is_dir():
        try:
            check_folder_target(out)
        except WriteRefused as exc:
            raise ReleaseError(str(exc)) from None
    if not out.exists() or not any(out.iterdir()):
        return {}
    manifest = out / MANIFEST
    if not manifest.is_file():
        raise ReleaseError(f"{out} is not empty and holds no release; choose an empty folder")
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        recorded = {str(rel): str(digest) for rel, digest in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ReleaseError(
            f"{manifest} is not a release manifest; choose an empty folder"
        ) from None
    recorded[MANIFEST] = _sha(manifest.read_bytes())
    changed = changed_files(out, recorded)
    if changed:
        raise ReleaseError(
            f"{out}: {name_files(changed)} changed since the release was written, so nothing "
            "was written; move them away or choose another folder"
        )
    return recorded


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_json(path: Path, obj: dict) -> None:
    with atomic_text(path) as fh:
        fh.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
