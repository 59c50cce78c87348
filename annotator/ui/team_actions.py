"""The Team menu: assign documents, pack them for an annotator, collect the packages that come
back, and decide on the agencies annotators proposed in them.

Assigning, packing and collecting run in a background task on their own connection
(``tasks``) behind a progress dialog, so the window keeps painting; one such job at a time.
The outcome is shown at the end: what was stored or written, or the core's own reason why not.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.store import Project
from ..core.team import assign
from ..core.team import proposals as props
from ..core.team.assign import AssignReport
from ..core.team.package import PackReport, package_info
from ..core.usecases.team import Collected, collect_packages, pack_for
from .export_dialog import show_outcome
from .progress import ProgressRunner
from .proposals_dialog import ProposalsDialog
from .tasks import Cancelled, Progress, ProjectJob
from .team_dialogs import AssignDialog, PackDialog, batch_ranges


def collect_job(paths: Sequence[str | Path]) -> ProjectJob:
    """Collect every package; a refused one does not stop the others (as on the command line)."""

    def job(project: Project, progress: Progress, cancelled: Cancelled) -> list[Collected]:
        return collect_packages(project, paths, progress, cancelled).packages

    return job


class CollectSummary(QDialog):
    """Per package: what was merged, or why it was refused."""

    def __init__(self, outcomes: list[Collected], pending: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Packages collected"))
        refused = sum(o.report is None for o in outcomes)
        head = self.tr("{ok} of {n} packages collected; {refused} refused.").format(
            ok=len(outcomes) - refused, n=len(outcomes), refused=refused)
        if pending:
            head += "\n" + self.tr("{n} agency proposals wait for a decision (Team ▸ Agency "
                                   "proposals).").format(n=pending)
        self.heading = QLabel(head, self)
        self._results = [self.result_text(o) for o in outcomes]
        self.details = QTextBrowser(self)
        self.details.setHtml("".join(
            f"<p><b>{html.escape(o.path.name)}</b><br>{html.escape(text)}</p>".replace("\n", "<br>")
            for o, text in zip(outcomes, self._results)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def refusals(self) -> dict[str, str]:
        """The core's kinds of refusal, in the interface's language."""
        return {
            "not_package": self.tr("this file is not a package: it names no project."),
            "foreign_project": self.tr("this package was packed from another project; collect "
                                       "it into the project it came from."),
            "other_schema": self.tr("this package uses another label schema than this "
                                    "project."),
            "unknown_document": self.tr("this package holds a document this project does not "
                                        "have."),
            "changed_text": self.tr("a document's text in this package differs from this "
                                    "project's."),
            "invalid_rows": self.tr("rows in this package are wrong (edited by hand or by "
                                    "another tool); nothing of it was collected."),
            "other_layer": self.tr("this package carries work that is not its annotator's own "
                                   "layer (gold, a reviewer's or another annotator's)."),
            "damaged": self.tr("this package is damaged or cut short; ask for it again."),
        }

    def result_text(self, outcome: Collected) -> str:
        r = outcome.report
        if r is None:
            said = self.refusals().get(outcome.reason or "")
            if said is None:
                return self.tr("Refused: {reason}").format(reason=outcome.refusal)
            return self.tr("Refused: {reason}").format(reason=said) + f"\n({outcome.refusal})"
        if not r.changes:
            lines = [self.tr("Nothing new: this package was collected before.")]
        else:
            lines = [self.tr("Merged from {who}: {layers} document layers, {statuses} statuses, "
                             "{events} history events, {proposals} new agency proposals").format(
                who=", ".join(r.annotators) or "—", layers=r.layers, statuses=r.statuses,
                events=r.events, proposals=len(r.proposals))]
        return "\n".join([*lines, *(self.tr("Note: {w}").format(w=w) for w in r.warnings)])

    def results(self) -> list[str]:
        """One text per package, in the order given."""
        return list(self._results)


class TeamActions(QObject):
    """The Team menu over one project. ``changed`` follows stored work (reload the lists);
    ``kbChanged`` follows a decision on a proposal (links and entries changed)."""

    changed = Signal()
    kbChanged = Signal()

    def __init__(self, window: QWidget, project: Project, reviewer: str):
        super().__init__(window)
        self.window = window
        self.project = project
        self.reviewer = reviewer
        self.runner: ProgressRunner | None = None
        self.message: QWidget | None = None  # the last dialog or outcome shown
        self.assign_action = self._action(self.tr("&Assign documents…"), self.assign_dialog)
        self.pack_action = self._action(self.tr("&Pack for an annotator…"), self.pack_dialog)
        self.collect_action = self._action(self.tr("&Collect packages…"), self.collect_dialog)
        self.proposals_action = self._action(self.tr("Agency p&roposals…"),
                                             self.proposals_dialog)
        self._update_enabled()

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("&Team"), parent)
        menu.addActions([self.assign_action, self.pack_action])
        menu.addSeparator()
        menu.addAction(self.collect_action)
        menu.addAction(self.proposals_action)
        return menu

    def idle(self) -> bool:
        return self.runner is None

    def _update_enabled(self) -> None:
        """A package is an annotator's copy: team work happens in the project it came from."""
        master = package_info(self.project) is None
        for action in (self.assign_action, self.pack_action, self.collect_action,
                       self.proposals_action):
            action.setEnabled(master and self.idle())
            if not master:
                action.setStatusTip(self.tr("Open the project this package was made from"))

    # -- assign -------------------------------------------------------------------------------
    def assign_dialog(self) -> AssignDialog | None:
        if not self.idle():
            return None
        dialog = AssignDialog(self.project, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_assign(dialog.chosen()))
        dialog.open()
        self.message = dialog
        return dialog

    def start_assign(self, request: dict) -> ProgressRunner | None:
        """Store the assignment (``assign.assign`` keyword arguments) in the background."""
        def job(project: Project, _progress: Progress, _cancelled: Cancelled) -> AssignReport:
            return assign.assign(project, **request)

        title = self.tr("Assign documents")
        return self._run(job, title, lambda report: self._outcome(title, self._assigned(report)))

    def _assigned(self, report: AssignReport) -> str:
        lines = [self.tr("{n} documents assigned ({double} to more than one annotator); {skipped} "
                         "already had an annotator.").format(
            n=len({a.doc_id for a in report.assignments}), double=report.double,
            skipped=report.skipped)]
        for name, rows in sorted(report.by_annotator().items()):
            lines.append(self.tr("{name}: {n} documents, batches {batches}").format(
                name=name, n=len(rows), batches=batch_ranges([a.batch for a in rows])))
        return "\n".join(lines)

    # -- pack ---------------------------------------------------------------------------------
    def pack_dialog(self) -> PackDialog | None:
        if not self.idle():
            return None
        dialog = PackDialog(self.project, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_pack(*dialog.chosen()))
        dialog.open()
        self.message = dialog
        return dialog

    def start_pack(self, annotator: str, out: Path, batch: int | None = None,
                   overwrite: bool = False) -> ProgressRunner | None:
        """Write the package in the background; the outcome says where it went."""
        def job(project: Project, _progress: Progress, _cancelled: Cancelled) -> PackReport:
            return pack_for(project, annotator, out, batch, overwrite=overwrite)

        title = self.tr("Pack for an annotator")
        return self._run(job, title, lambda report: self._outcome(title, self._packed(report)))

    def _packed(self, report: PackReport) -> str:
        return self.tr("{n} documents ({spans} spans) for {name} written to {path}.\nSend the "
                       "file to {name}: they open it in this application, annotate, and send it "
                       "back to be collected.").format(
            n=report.documents, spans=report.spans, name=report.annotator, path=report.path)

    # -- collect ------------------------------------------------------------------------------
    def collect_dialog(self) -> ProgressRunner | None:
        files, _filter = QFileDialog.getOpenFileNames(
            self.window, self.tr("Collect packages"), str(self.project.path.parent),
            self.tr("Annotation projects (*.annot);;All files (*)"))
        return self.collect_packages(files) if files else None

    def collect_packages(self, paths: Sequence[str | Path]) -> ProgressRunner | None:
        """Merge the returned packages in the background, then show what each one did."""
        if not self.idle() or not paths:
            return None

        def label(done: int, total: int) -> str:
            return self.tr("Collecting package {i} of {n}…").format(i=min(done + 1, total),
                                                                     n=total)

        return self._run(collect_job(paths), self.tr("Collect packages"), self._collected,
                         label, cancellable=True)

    def _collected(self, outcomes: list[Collected]) -> None:
        pending = len(props.list_proposals(self.project))
        summary = CollectSummary(outcomes, pending, self.window)
        summary.open()
        self.message = summary

    # -- proposals ----------------------------------------------------------------------------
    def proposals_dialog(self) -> ProposalsDialog:
        dialog = ProposalsDialog(self.project, self.reviewer, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.kbChanged.connect(self.kbChanged)
        dialog.open()
        self.message = dialog
        return dialog

    # -- running ------------------------------------------------------------------------------
    def _run(self, job: ProjectJob, title: str, done: Callable[[Any], None],
             label: Callable[[int, int], str] | None = None,
             cancellable: bool = False) -> ProgressRunner | None:
        """Run ``job`` behind a progress dialog; ``done`` gets its result, an error is shown."""
        if not self.idle():
            return None
        working = QCoreApplication.translate("TeamActions", "Working…")
        self.runner = ProgressRunner(self.window, self.project.path, job, title, working,
                                     cancellable, label)
        self.runner.finished.connect(
            lambda result, error: self._ended(title, done, result, error))
        self._update_enabled()
        self.runner.start()
        return self.runner

    def _ended(self, title: str, done: Callable[[Any], None], result: Any,
               error: BaseException | None) -> None:
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.deleteLater()
        self._update_enabled()
        if error is not None:
            self._outcome(title, str(error), ok=False)
            return
        self.changed.emit()
        done(result)

    def _outcome(self, title: str, text: str, ok: bool = True) -> None:
        self.message = show_outcome(self.window, title, text, ok)
