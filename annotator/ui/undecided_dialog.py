"""The question Ctrl+Enter asks when machine candidates are still undecided.

Marking a document done must not turn candidates into the annotator's spans unnoticed, so
the annotator says what happens to them: accept all, reject all, or go and decide them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

ACCEPT, REJECT, FIRST = "accept", "reject", "first"  # what choose() returns; None: cancelled


class UndecidedBox(QMessageBox):
    """Accept all / reject all / go to the first undecided / cancel."""

    def __init__(self, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("undecidedCandidates")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Undecided candidates"))
        self.setText(self.tr("{n} machine candidates in this document are still undecided.")
                     .format(n=count))
        self.setInformativeText(self.tr(
            "A document is done when every candidate is accepted or rejected. "
            "What should happen to these?"))
        self.choices: dict[QPushButton, str | None] = {
            self.addButton(self.tr("Accept all {n}").format(n=count),
                           QMessageBox.ButtonRole.AcceptRole): ACCEPT,
            self.addButton(self.tr("Reject all {n}").format(n=count),
                           QMessageBox.ButtonRole.DestructiveRole): REJECT,
            self.addButton(self.tr("Go to the first undecided"),
                           QMessageBox.ButtonRole.ActionRole): FIRST,
        }
        cancel = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.choices[cancel] = None
        # Enter takes the annotator to the candidates: nothing is decided for them by a key
        self.setDefaultButton(self.button_for(FIRST))
        self.setEscapeButton(cancel)

    def button_for(self, choice: str | None) -> QPushButton:
        return next(b for b, c in self.choices.items() if c == choice)

    def choose(self) -> str | None:
        """Ask; ACCEPT, REJECT, FIRST, or None when cancelled."""
        self.exec()
        return self.choices.get(self.clickedButton())
