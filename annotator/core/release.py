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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from .atomic import (
    WriteRefused,
    atomic_text,
    changed_files,
    check_folder_target,
    name_files,
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
from .prehighlight.pii import find_pii
from .store import Project

SPLITS = ("train", "dev", "test")
GOLD_STATUSES = ("reviewed", "gold")
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
    """Write the release into ``out_dir`` (created; a previous release there is replaced)."""
    out = Path(out_dir)
    with without_cycle_collection():
        recorded = _check_folder(out)
        plan = _prepare(project, options)
        try:
            with staged_folder(out, recorded) as stage:
                release = _write_release(project, stage, options, plan)
        except WriteRefused as exc:
            raise ReleaseError(str(exc)) from None
        release.files = [out / p.relative_to(stage) for p in release.files]
        return release


@dataclass
class _Plan:
    split: tuple[float, float, float]
    by_split: dict[str, list[dict]]
    pii: dict


def _prepare(project: Project, options: ReleaseOptions) -> _Plan:
    """Check the options and choose the documents; nothing is written yet."""
    split = _check_split(options.split)
    if options.pii not in (None, *PII_MODES):
        raise ReleaseError(f"--pii {options.pii!r}: one of {', '.join(PII_MODES)}")
    unknown = [f for f in options.formats if f not in EXPORT_FORMATS]
    if unknown:
        raise ReleaseError(f"unknown format {unknown[0]!r} (known: {', '.join(EXPORT_FORMATS)})")

    docs = [d for d in iter_documents(project, Selection()) if d["status"] in options.statuses]
    if not docs:
        raise ReleaseError(
            f"no documents are {' or '.join(options.statuses)}; nothing was written. "
            "Review the annotated documents first"
        )
    pii_spans = {id(d): sum(s["label"] == PII_LABEL for s in d["spans"]) for d in docs}
    missed = {id(d): found for d in docs if (found := unlabelled_pii(d))}
    holding = [d for d in docs if pii_spans[id(d)] or id(d) in missed]
    if holding and options.pii is None:
        raise ReleaseError(
            f"{sum(pii_spans.values())} PII spans and {sum(map(len, missed.values()))} "
            f"unlabelled identifiers (phone, ID or certificate numbers) in {len(holding)} "
            "documents; nothing was written. Choose --pii mask (replace their characters "
            "with ＊) or --pii drop (leave those documents out)"
        )
    masked = 0
    if options.pii == "drop":
        dropped = {id(d) for d in holding}
        docs = [d for d in docs if id(d) not in dropped]
    elif options.pii == "mask":
        masked = sum(mask_pii(d, missed.get(id(d), ())) for d in holding)

    by_split: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for doc in docs:
        by_split[split_of(doc["id"], options.seed, split)].append(doc)
    pii = {
        "mode": options.pii,
        "spans_masked": masked,
        "documents_dropped": len(holding) if options.pii == "drop" else 0,
    }
    return _Plan(split, by_split, pii)


def _write_release(project: Project, out: Path, options: ReleaseOptions, plan: _Plan) -> Release:
    """Every file of the release into ``out`` (the staging folder), the manifest last."""
    split, by_split = plan.split, plan.by_split
    release = Release({})
    for name in SPLITS:
        release.files += write(by_split[name], "jsonl", out / f"{name}.jsonl").paths
    for fmt in dict.fromkeys(f for f in options.formats if f != "jsonl"):
        release.files += _write_format(fmt, by_split, out, release)

    release.manifest = _manifest(project, options, split, by_split, out, release.files)
    release.manifest["pii"] = plan.pii
    _write_json(out / MANIFEST, release.manifest)
    return release


def _write_format(
    fmt: str, by_split: dict[str, list[dict]], out: Path, release: Release
) -> list[Path]:
    folder = out / fmt
    files: list[Path] = []
    notes: list[Notes] = []
    for name in SPLITS:
        info = format_info(fmt)
        target = folder / name if info.folder else folder / f"{name}{info.suffix}"
        result = write(by_split[name], fmt, target)
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
    by_split: dict[str, list[dict]],
    out: Path,
    files: Iterable[Path],
) -> dict:
    from .kb.base import default_base
    from .kb.project_kb import export as kb_export
    from .schema import guideline_text

    guideline = guideline_text(project.schema)
    counts = {}
    for name, docs in by_split.items():
        labels = Counter(s["label"] for d in docs for s in d["spans"])
        counts[name] = {
            "documents": len(docs),
            "characters": sum(len(d["text"]) for d in docs),
            "spans": sum(labels.values()),
            "labels": dict(sorted(labels.items())),
        }
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
            p.relative_to(out).as_posix(): _sha(p.read_bytes())
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
