"""The Qt-free core: storage, model, import, pre-highlighting, knowledge base, export, CLI.

Nothing below this package may import PySide6, shiboken6 or pyqtgraph; a test checks it.
"""
