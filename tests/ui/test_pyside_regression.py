"""PySide6 6.12.0 aborts (none_dealloc) after ~5,000 calls of some void methods.

The dependency is pinned below 6.12 until a release passes this: 50,000 calls each of
QTextCursor.setPosition and QTextCharFormat.setBackground, in a child process so that an
abort fails this test instead of killing the test run.
"""

import subprocess
import sys

CALLS = """
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor, QTextDocument
app = QGuiApplication([])
doc = QTextDocument("测" * 1000)
cursor = QTextCursor(doc)
fmt = QTextCharFormat()
colour = QColor("#8ecae6")
for i in range(50_000):
    cursor.setPosition(i % 1000)
    fmt.setBackground(colour)
print("done")
"""


def test_fifty_thousand_void_calls_do_not_abort():
    result = subprocess.run([sys.executable, "-c", CALLS], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
