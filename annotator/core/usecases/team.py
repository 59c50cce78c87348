"""Team work without a server: packing an annotator's documents, collecting packages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..store import Project, ProjectError
from ..team.collect import CollectReport, collect
from ..team.package import PackReport, pack
from . import Cancelled, Progress, never


def pack_for(
    project: Project,
    annotator: str,
    out: str | Path,
    batch: int | None = None,
    overwrite: bool = False,
) -> PackReport:
    """Write ``annotator``'s assigned documents (one batch, or all) to a package file."""
    return pack(project, annotator, out, batch, overwrite=overwrite)


@dataclass(frozen=True)
class Collected:
    """One package's outcome: its report, or the error that refused it (nothing of it was
    stored then). ``reason`` is the core's kind of refusal (``TeamError.reason``)."""

    path: Path
    report: CollectReport | None
    error: BaseException | None = None

    @property
    def refusal(self) -> str | None:
        return None if self.error is None else str(self.error)

    @property
    def reason(self) -> str | None:
        return getattr(self.error, "reason", None)


@dataclass
class CollectOutcome:
    """Every package's outcome, in the order given; ``cancelled`` when it stopped early."""

    packages: list[Collected] = field(default_factory=list)
    cancelled: bool = False

    @property
    def refused(self) -> int:
        return sum(c.report is None for c in self.packages)


def collect_packages(
    project: Project,
    paths: Sequence[str | Path],
    progress: Progress | None = None,
    cancelled: Cancelled = never,
) -> CollectOutcome:
    """Merge the packages into ``project``; a refused one does not stop the others."""
    outcome = CollectOutcome()
    files = [Path(p) for p in paths]
    for i, path in enumerate(files):
        if cancelled():
            outcome.cancelled = True
            break
        if progress:
            progress(i, len(files))
        try:
            outcome.packages.append(Collected(path, collect(project, path)))
        except (ProjectError, OSError) as exc:
            outcome.packages.append(Collected(path, None, exc))
    return outcome
