"""Counts a project lead asks for: documents by status, spans by label and annotator."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import DOC_STATUSES, layer_ref
from .store import Project, figures


@dataclass
class Stats:
    documents: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    spans_by_label: dict[str, dict[str, int]] = field(default_factory=dict)  # annotator → label → n

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "by_status": self.by_status,
            "spans": self.spans_by_label,
        }


def project_stats(project: Project) -> Stats:
    by_status = {str(s): 0 for s in DOC_STATUSES}
    by_status.update(figures.status_counts(project))
    spans: dict[str, dict[str, int]] = {}
    for name, role, label, n in figures.spans_by_layer(project):
        spans.setdefault(layer_ref(name, role), {})[label] = n
    return Stats(sum(by_status.values()), by_status, spans)


def format_stats(stats: Stats, labels: list[str]) -> str:
    lines = [f"documents: {stats.documents}"]
    lines += [f"  {status:<10} {n:>8}" for status, n in stats.by_status.items()]
    if not stats.spans_by_label:
        lines.append("spans: none")
        return "\n".join(lines)
    seen = [lab for lab in labels if any(lab in c for c in stats.spans_by_label.values())]
    extra = sorted({lab for c in stats.spans_by_label.values() for lab in c} - set(seen))
    cols = seen + extra
    width = max(len(a) for a in stats.spans_by_label) + 2
    lines.append("spans:")
    lines.append(" " * width + "".join(f"{c:>9}" for c in cols) + f"{'total':>9}")
    for who, counts in stats.spans_by_label.items():
        row = "".join(f"{counts.get(c, 0):>9}" for c in cols)
        lines.append(f"{who:<{width}}{row}{sum(counts.values()):>9}")
    return "\n".join(lines)
