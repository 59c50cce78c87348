"""The main window: documents on the left, the workbench in the middle, panels docked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFrame,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QTextBrowser,
    QWidget,
)

from ..core.editing import Editor, Gesture
from ..core.preferences import Preferences, clamp_zoom
from ..core.review import Reviewer, reviewable, versions_to_review
from ..core.schema import guideline_text
from ..core.store import Project
from ..core.store import documents as docs_store
from .about import about_box
from .agreement_dialog import AgreementDialog
from .current import CurrentSelection
from .dashboard import Dashboard
from .document_panel import DocumentPanel
from .find_bar import FindBar
from .help_window import show_help
from .learning import BackgroundLearning
from .names import label_name
from .review_window import ReviewWindow
from .settings_dialog import LANGUAGE_NAMES, SettingsDialog
from .span_panel import SpanPanel
from .team_actions import TeamActions
from .text_moves import TextMoves
from .undecided_dialog import FIRST, UndecidedBox
from .workbench import Workbench, redo_keys


class MainWindow(QMainWindow):
    languageChosen = Signal(str)  # a language code: the application switches to it

    def __init__(self, project: Project, annotator: str = "annotator",
                 language: str = "zh_CN", prefs: Preferences | None = None):
        super().__init__()
        self.project = project
        self.language = language
        self.prefs = prefs
        self.editor = Editor(project, annotator)
        self.current = CurrentSelection(self)
        self.documents = DocumentPanel(project, self.editor.me, language, self)
        self.workbench = Workbench(self.editor, language, self, current=self.current)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.documents)
        splitter.addWidget(self.workbench)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([620, 700])
        self.setCentralWidget(splitter)
        self.find_bar = FindBar(self.workbench.view, self.shown_text)
        self.text_moves = TextMoves(self.workbench.view, self.shown_text, self)
        self.current.documentChanged.connect(self._find_in_shown,
                                             Qt.ConnectionType.QueuedConnection)
        self.span_panel = SpanPanel(self.workbench, language, self)
        self._dock(self.tr("Span"), "span", self._fixed_width(self.span_panel)).show()
        self.guidelines = self._guideline_dock()
        self.text_zoom = prefs.text_zoom if prefs is not None else 0
        self.workbench.view.set_text_zoom(self.text_zoom)
        self.workbench.show_gold = prefs.show_gold if prefs is not None else False
        self._show_title()
        self._menus()
        self.documents.documentSelected.connect(self.open_document)
        self.current.documentChanged.connect(self._show_in_list)
        self.progress = QLabel(self)
        self.statusBar().addPermanentWidget(self.progress)
        self.workbench.history.changed.connect(self.show_changed)
        self.learning = BackgroundLearning(project, self.statusBar(), self)
        self.workbench.history.changed.connect(
            lambda record: record.statuses and self.learning.status_changed())
        self.workbench.documentWanted.connect(self.documents.select)
        self.workbench.saved.connect(lambda text: self.statusBar().showMessage(text))
        self.workbench.failed.connect(lambda text: self.statusBar().showMessage(
            self.tr("Not done: {reason}").format(reason=text), 6000))
        self.statusBar().showMessage(
            self.tr("{n} documents · every change is saved as it is made").format(
                n=self.documents.model.rowCount()))
        self._restore_position()
        self.show_progress()

    def _show_title(self) -> None:
        who = self.tr("gold (read-only)") if self.workbench.show_gold else None
        self.setWindowTitle(self.tr("{name} — {who} — Chinese news annotator").format(
            name=self.project.path.stem, who=who or self.editor.name))

    def show_progress(self, *_args) -> None:
        """The whole project for this annotator, kept in view while working through it."""
        p = docs_store.progress(self.project, self.editor.me)
        self.progress.setText(self.tr("{done}/{docs} documents done · {decided}/{candidates} "
                                      "candidates decided").format(
            done=f"{p.done:,}", docs=f"{p.documents:,}", decided=f"{p.decided:,}",
            candidates=f"{p.candidates:,}"))

    def _restore_position(self) -> None:
        """Reopen where the annotator left off: the document and the cursor in it."""
        where = self.prefs.position(self.project.path) if self.prefs else None
        if where is not None and self.documents.select(where.doc_id):
            self.workbench.view.set_cursor_offset(where.cursor)
        else:
            self.documents.select_first()

    def remember_position(self) -> None:
        if self.prefs is not None and self.workbench.doc_id is not None:
            self.prefs.remember_position(self.project.path, self.workbench.doc_id,
                                         self.workbench.view.cursor_offset())
            self.prefs.save()

    def reload(self) -> None:
        """After an import or a team change: the list shows the new documents; the open one
        stays. Layers may have been rewritten outside this window, so its undo history ends."""
        self.workbench.undo_stack.clear()
        self.documents.model.refresh()
        self.documents.proxy.invalidate()
        if self.workbench.doc_id:
            self.documents.select(self.workbench.doc_id)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.remember_position()
        self.learning.stop()
        super().closeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        """Whatever size was asked for, the window opens inside the screen it is on."""
        if not event.spontaneous():
            fit_to_screen(self)
        super().showEvent(event)

    # -- documents --------------------------------------------------------------------------------
    def open_document(self, doc_id: str, cursor: int = 0) -> None:
        if doc_id != self.workbench.doc_id:
            self.remember_position()
            self.workbench.open_document(doc_id, cursor)

    def shown_text(self) -> str:
        """The text of the document on screen (code points), for finding and moving in it."""
        document = self.workbench.document
        return document.text if document is not None and self.workbench.doc_id else ""

    def list_search(self) -> str:
        """The words the document list is searched for, if any."""
        return self.documents.search.text().strip()

    def _find_in_shown(self, _doc_id: str | None = None) -> None:
        """A document opened from a search of the list shows its hits; otherwise an open
        find bar shades its words in the new text."""
        query = self.list_search()
        if query:
            self.find_bar.open_bar(query, focus=False)
        else:
            self.find_bar.refresh()

    def _show_in_list(self, doc_id: str | None) -> None:
        """The list's selected row follows the document shown, however it was opened."""
        if doc_id is not None:
            self.documents.select(doc_id)

    def mark_done_and_next(self) -> None:
        """Done, then the next unfinished document. Undecided candidates are first put to
        the annotator; their decision and the status are one step for Ctrl+Z."""
        doc_id = self.workbench.doc_id
        if doc_id is None or self.workbench.refuse_in_gold():
            return
        decision = None
        waiting = len(self.editor.undecided(doc_id))
        if waiting:
            decision = UndecidedBox(waiting, self).choose()
            if decision == FIRST:
                self.workbench.show_first_undecided()
                return
            if decision is None:
                return
        if self.workbench.perform(lambda: self.editor.mark_done(doc_id, decision)) is None:
            return
        self.statusBar().showMessage(self.tr("Marked done"))
        self.documents.step_unfinished(doc_id, 1)

    def show_changed(self, record: Gesture) -> None:
        """After any action, undo or redo: the rows of the documents it touched and the
        project's progress, as the store now has them."""
        self.documents.model.refresh_rows(record.doc_ids())
        self.show_progress()

    def mark_gold(self) -> None:
        """Gold at once where there is nothing to adjudicate: the annotators agree, or one
        annotated the document alone. Undoable, as every action is."""
        doc_id = self.workbench.doc_id
        if doc_id is None:
            return
        reviewer = Reviewer(self.project, self.editor.name)
        if self.workbench.perform(lambda: reviewer.mark_gold(doc_id), reviewer):
            self.statusBar().showMessage(self.tr("Marked gold"), 4000)

    # -- settings ---------------------------------------------------------------------------------
    def file_actions(self) -> list[QAction]:
        """Settings and Quit, for the File menu the project actions put in front."""
        return [self.settings_action, self.quit_action]

    def show_settings(self) -> None:
        dialog = SettingsDialog(self.editor.name, self.language, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.name() != self.editor.name:
            self.set_annotator(dialog.name())
        if dialog.language() != self.language:
            self.choose_language(dialog.language())

    def set_annotator(self, name: str) -> None:
        """New work goes to ``name``'s layer from now on, and later starts use it too. The
        undo history ends: its steps belong to the previous name's layer."""
        if self.prefs is not None:
            self.prefs.annotator = name
            self.prefs.save()
        self.remember_position()
        self.editor = Editor(self.project, name)
        self.workbench.editor = self.editor
        self.workbench.undo_stack.clear()
        self.documents.annotator_id = self.editor.me
        self.documents.model.show_annotator(self.editor.me)
        self._show_title()
        doc_id, cursor = self.workbench.doc_id, self.workbench.view.cursor_offset()
        if doc_id is not None:
            self.workbench.open_document(doc_id, cursor)
        self.show_progress()

    # -- text size --------------------------------------------------------------------------------
    def zoom_text(self, steps: int | None) -> None:
        """One step larger or smaller, or back to the default size (None); remembered."""
        self.text_zoom = 0 if steps is None else clamp_zoom(self.text_zoom + steps)
        self.workbench.view.set_text_zoom(self.text_zoom)
        if self.prefs is not None:
            self.prefs.text_zoom = self.text_zoom
            self.prefs.save()

    def show_gold(self, shown: bool) -> None:
        """Gold instead of the annotator's own layer, read only; remembered. Undo and redo
        are off meanwhile: they would change a layer out of sight."""
        if self.prefs is not None:
            self.prefs.show_gold = shown
            self.prefs.save()
        self.workbench.set_show_gold(shown)
        self._show_title()
        self._gate_undo()
        self.statusBar().showMessage(
            self.tr("Showing gold: read-only") if shown else self.tr("Showing your own layer"))

    def _gate_undo(self, *_args) -> None:
        undo, redo = self._undo_actions
        stack, gold = self.workbench.undo_stack, self.workbench.show_gold
        undo.setEnabled(stack.canUndo() and not gold)
        redo.setEnabled(stack.canRedo() and not gold)

    # -- menus ------------------------------------------------------------------------------------
    def _menus(self) -> None:
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.addActions(self.file_actions())  # the keys work before the File menu is added

        edit = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.workbench.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.workbench.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts(redo_keys())
        edit.addActions([undo, redo])
        self._undo_actions = (undo, redo)
        stack = self.workbench.undo_stack
        for signal in (stack.canUndoChanged, stack.canRedoChanged):
            signal.connect(self._gate_undo)  # after the stack's own: gold keeps them off
        edit.addSeparator()
        accept_all = edit.addMenu(self.tr("Accept all candidates of"))
        for lab in self.project.schema.labels:
            name = lab.zh if self.language.startswith("zh") else lab.en
            action = accept_all.addAction(name)
            action.triggered.connect(
                lambda _=False, label=lab.name: self.workbench.accept_all(label))
        self._action(edit, self.tr("Label all occurrences…"), "Ctrl+L", self.label_all_occurrences)
        edit.addSeparator()
        for text, keys, slot in (
                (self.tr("Find…"), QKeySequence.StandardKey.Find, self.find_bar.open_bar),
                (self.tr("Find next"), QKeySequence.StandardKey.FindNext,
                 lambda: self.find_bar.step(1)),
                (self.tr("Find previous"), QKeySequence.StandardKey.FindPrevious,
                 lambda: self.find_bar.step(-1))):
            action = edit.addAction(text)
            action.setShortcuts(keys)
            action.triggered.connect(lambda _=False, slot=slot: slot())

        document = self.menuBar().addMenu(self.tr("&Document"))
        self._action(document, self.tr("Mark done and go to the next"), "Ctrl+Return",
                     self.mark_done_and_next)
        self._action(document, self.tr("Review this document…"), "Ctrl+R", self.review)
        self._action(document, self.tr("Mark gold"), "Ctrl+Alt+G", self.mark_gold)
        self._action(document, self.tr("Next unfinished document"), "Ctrl+PgDown",
                     lambda: self.documents.step_unfinished(self.workbench.doc_id, 1))
        self._action(document, self.tr("Previous unfinished document"), "Ctrl+PgUp",
                     lambda: self.documents.step_unfinished(self.workbench.doc_id, -1))
        document.addSeparator()
        self.text_moves.add_to(document)

        self.team = TeamActions(self, self.project, self.editor.name)
        self.team.changed.connect(self.reload)
        self.team.kbChanged.connect(self.span_panel.kb_changed)
        self.menuBar().addMenu(self.team.menu(self))

        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self.guidelines.toggleViewAction())
        self._action(view, self.tr("Agreement…"), "Ctrl+Shift+A",
                     lambda: AgreementDialog(self.project, self).show())
        self._action(view, self.tr("Dashboards…"), "Ctrl+Shift+D", self.show_dashboard)
        preaccept = view.addAction(self.tr("In review, pre-accept spans all annotators agree on"))
        preaccept.setCheckable(True)
        preaccept.setChecked(self.project.setting("review_preaccept", "1") == "1")
        preaccept.toggled.connect(
            lambda on: self.project.set_setting("review_preaccept", "1" if on else "0"))
        view.addSeparator()
        for text, keys, steps in ((self.tr("Larger text"), QKeySequence.StandardKey.ZoomIn, 1),
                                  (self.tr("Smaller text"), QKeySequence.StandardKey.ZoomOut, -1),
                                  (self.tr("Default text size"), QKeySequence("Ctrl+0"), None)):
            action = view.addAction(text)
            action.setShortcut(keys)
            action.triggered.connect(lambda _=False, steps=steps: self.zoom_text(steps))
        view.addSeparator()
        gold = view.addAction(self.tr("Show gold (read-only)"))
        gold.setCheckable(True)
        gold.setChecked(self.workbench.show_gold)
        gold.toggled.connect(self.show_gold)
        self._gate_undo()
        repairs = view.addAction(self.tr("Show OCR repairs"))
        repairs.setCheckable(True)
        repairs.toggled.connect(self.workbench.set_show_repairs)
        language = view.addMenu(self.tr("Language"))
        for code, name in LANGUAGE_NAMES:
            action = language.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _=False, code=code: self.choose_language(code))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("About…")).triggered.connect(lambda: about_box(self))
        guide = help_menu.addAction(self.tr("Annotator's guide"))
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(lambda: show_help(self, self.project.schema))

    def show_dashboard(self) -> None:
        self.dashboard = Dashboard(self.project, self)
        self.dashboard.jump.connect(self.jump_to)
        self.dashboard.show()

    def jump_to(self, doc_id: str, offset: int) -> None:
        """Show a place of the corpus: select its document, put the cursor there."""
        if self.documents.select(doc_id) or self.workbench.doc_id == doc_id:
            self.workbench.view.set_cursor_offset(offset)
            self.workbench.view.ensureCursorVisible()
            self.raise_()

    def review(self) -> None:
        """Adjudicate the open document's layers into gold, in a window of its own."""
        if self.workbench.doc_id is None:
            return
        doc_id, me = self.workbench.doc_id, self.editor.name
        if not reviewable(self.project, doc_id, me):
            message = self.tr("Review compares two or more annotators' versions; this document "
                              "has {n}.").format(n=versions_to_review(self.project, doc_id, me))
            return self.statusBar().showMessage(message, 8000)
        self.review_window = ReviewWindow(self.project, self.editor.name, self.workbench.doc_id,
                                          history=self.workbench.history)
        self.review_window.resize(1200, 760)
        fit_to_screen(self.review_window)
        self.review_window.show()

    def choose_language(self, code: str) -> None:
        """Kept in the preferences for the next start, and announced: the application
        installs its translations and shows the open windows in it at once."""
        if self.prefs is not None:
            self.prefs.language = code
            self.prefs.save()
        if code != self.language:
            self.languageChosen.emit(code)

    def _action(self, menu, text: str, shortcut: str, slot) -> QAction:
        action = menu.addAction(text)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _fixed_width(self, panel: SpanPanel) -> QScrollArea:
        """The panel in a scroll area of a width its content never changes: a span with more
        to show (an agency's links, a figure's fields) scrolls instead of narrowing the text,
        which would reflow under the mouse mid-drag."""
        area = QScrollArea(self)
        area.setWidget(panel)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = area.verticalScrollBar().sizeHint().width()
        em = self.fontMetrics().horizontalAdvance("标")
        area.setFixedWidth(max(panel.widest(), em * 18) + bar)
        return area

    def _dock(self, title: str, name: str, widget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _guideline_dock(self) -> QDockWidget:
        browser = QTextBrowser(self)
        browser.setMarkdown(guideline_text(self.project.schema))
        dock = self._dock(self.tr("Guidelines"), "guidelines", browser)
        dock.hide()
        return dock

    # -- label every occurrence -------------------------------------------------------------------
    def label_all_occurrences(self) -> None:
        """Label every other occurrence of the selected text (or the current span's), free
        or a candidate, as the label asked for (the span's own by default), with the span's
        agency link; after a preview of where they stand."""
        doc_id = self.workbench.doc_id
        view = self.workbench.view
        span = self.workbench.current_span()
        selection = view.selection()
        if doc_id is None or (selection is None and span is None):
            return
        if self.workbench.refuse_in_gold():
            return
        start, end = selection or (span.start, span.end)
        text = docs_store.get(self.project, doc_id).text
        needle = text[start:end].strip()
        label = self._ask_label(span.label if span is not None else None)
        if not needle or label is None:
            return
        link = ((span.agency_id, span.agency_name)
                if span is not None and span.label == label and span.agency_id else None)
        places = self.editor.occurrences(doc_id, needle)
        if not places:
            self.statusBar().showMessage(self.tr("No other occurrence to label"), 4000)
            return
        contexts = "\n".join(f"…{text[max(0, a - 12):a]}【{text[a:b]}】{text[b:b + 12]}…"
                             for a, b in places)
        question = self.tr("Label {n} occurrences of “{text}” as {label}?").format(
            n=len(places), text=needle, label=label_name(self.project.schema.label(label)))
        if link is not None:
            question += "\n" + self.tr("Each is linked to {name}.").format(
                name=link[1] or link[0])
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Label all occurrences"), question,
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                          self)
        box.setDetailedText(contexts)
        if box.exec() == QMessageBox.StandardButton.Ok:
            self.workbench.label_all(needle, label, link)

    def _ask_label(self, default: str | None = None) -> str | None:
        """Which label, offered with ``default`` first chosen."""
        labels = self.project.schema.labels
        names = [label_name(lab) for lab in labels]
        current = next((k for k, lab in enumerate(labels) if lab.name == default), 0)
        choice, ok = QInputDialog.getItem(self, self.tr("Label"), self.tr("Label as:"), names,
                                          current, False)
        return labels[names.index(choice)].name if ok else None


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move a top-level window, frame included, into the available area of its
    screen. Before the window manager has framed it, a title bar and borders are assumed."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    area = screen.availableGeometry()
    extra_w, extra_h = _frame_extra(window)
    width = max(min(window.width(), area.width() - extra_w), window.minimumWidth())
    height = max(min(window.height(), area.height() - extra_h), window.minimumHeight())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    corner = window.frameGeometry().topLeft()
    left = max(area.left(), min(corner.x(), area.right() + 1 - width - extra_w))
    top = max(area.top(), min(corner.y(), area.bottom() + 1 - height - extra_h))
    if (left, top) != (corner.x(), corner.y()):
        window.move(left, top)


def _frame_extra(window: QWidget) -> tuple[int, int]:
    """What the window manager's frame adds to the width and height of the window."""
    frame, inner = window.frameGeometry(), window.geometry()
    if frame != inner:
        return frame.width() - inner.width(), frame.height() - inner.height()
    style = window.style()
    border = 2 * style.pixelMetric(QStyle.PixelMetric.PM_MdiSubWindowFrameWidth)
    return border, border + style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
