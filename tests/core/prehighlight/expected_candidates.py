"""The engine's candidates on known texts, written down so that a faster engine is checked
to find exactly the same ones.

Seeds and the demo project are stored in full (``expected/seeds.json``, ``expected/demo.json``);
for the evaluation corpus, whose texts stay outside the repository, only a digest per file
(``expected/corpus.json``, keyed by file name and the file's SHA-256). A change that is meant
to change the candidates rewrites them:

    python -m tests.core.prehighlight.expected_candidates
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from annotator.core.ingest.cleanup import clean_text
from annotator.core.prehighlight.candidate import Candidate
from annotator.core.prehighlight.engine import Engine
from annotator.core.resources import resource_path

HERE = Path(__file__).resolve().parent / "expected"
CORPUS = Path("/work/shared/corpus")


def candidate_row(c: Candidate) -> list:
    """Everything a candidate carries, as plain JSON values."""
    links = [[k.agency_id, k.name, k.score, k.level, k.region] for k in c.links]
    return [c.start, c.end, c.label, c.source, c.score, c.attrs, links]


def canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(value: object) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def texts(folder: Path) -> dict[str, str]:
    """The ``.txt`` files of ``folder``, cleaned as import cleans them, by file name."""
    return {p.name: clean_text(p.read_text(encoding="utf-8")).text
            for p in sorted(folder.glob("*.txt"))}


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_candidates(engine: Engine) -> dict[str, list]:
    return {name: [candidate_row(c) for c in engine.run(text)]
            for name, text in texts(resource_path("demo")).items()}


def corpus_digests(engine: Engine, folder: Path = CORPUS) -> dict[str, dict[str, str]]:
    """Per corpus file: its SHA-256 and the digest of its candidates."""
    return {name: {"sha256": file_sha(folder / name),
                   "candidates": digest([candidate_row(c) for c in engine.run(text)])}
            for name, text in texts(folder).items()}


def demo_layers(folder: Path) -> dict[str, list]:
    """The machine layer of every document of a freshly built demo project, by title."""
    from annotator.core.demo import build_demo
    from annotator.core.store import documents, spans

    project = build_demo(folder / "demo.annot")
    try:
        out = {}
        for doc in documents.iter_documents(project):
            layer = spans.layer(project, doc.id, project.machine_id())
            out[f"{doc.meta.get('title', '')}|{doc.id}"] = [
                [s.start, s.end, s.label, s.source, s.score, s.attrs, s.agency_id,
                 s.agency_name] for s in layer
            ]
        return out
    finally:
        project.close()


def expected(name: str) -> object:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def write(name: str, value: object) -> None:
    """One line per document and per candidate: a change reads as a short diff."""
    assert isinstance(value, dict)
    lines = []
    for key, rows in sorted(value.items()):
        if isinstance(rows, list):
            inner = ",\n".join(canonical(row) for row in rows)
            lines.append(f"{canonical(key)}: [\n{inner}\n]" if rows else f"{canonical(key)}: []")
        else:
            lines.append(f"{canonical(key)}: {canonical(rows)}")
    HERE.mkdir(exist_ok=True)
    (HERE / name).write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def main() -> None:
    from annotator.core.prehighlight.engine import build_engine

    engine = build_engine()
    write("seeds.json", seed_candidates(engine))
    with tempfile.TemporaryDirectory() as tmp:
        write("demo.json", demo_layers(Path(tmp)))
    if CORPUS.is_dir():
        write("corpus.json", corpus_digests(engine))


if __name__ == "__main__":
    main()
