"""A process killed mid-stream of edits leaves a sound file holding every acknowledged edit."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store

EDITOR = textwrap.dedent(
    """
    import sys
    from annotator.core.model import Span
    from annotator.core.store import Project
    from annotator.core.store import spans
    project = Project.open(sys.argv[1])
    me = project.annotator_id("wang")
    i = 0
    while True:
        start = (i * 3) % 3000
        change = spans.add(project, "doc", me, Span(start, start + 2, "FIGURE"))
        # acknowledged: the transaction has committed
        print(change.span_id, flush=True)
        i += 1
        if i % 1000 == 0:  # keep the layer free of overlaps as positions wrap around
            with project.transaction():
                project.db.execute("DELETE FROM spans")
            print("cleared", flush=True)
    """
)


def test_sigkill_during_edits_keeps_every_acknowledged_edit(project_path):
    with Project.create(project_path) as project, project.transaction():
        docs_store.insert(project, [docs_store.NewDocument("数" * 3000, {}, id="doc")], None)
    proc = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(project_path)], stdout=subprocess.PIPE, text=True
    )
    acked: list[int] = []
    try:
        for line in proc.stdout:
            if line.strip() == "cleared":
                acked.clear()
                continue
            acked.append(int(line))
            if len(acked) == 400:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with Project.open(project_path) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in project.db.execute("SELECT id FROM spans")}
        assert set(acked) <= stored
        assert len(stored) >= 400
        events = project.db.execute("SELECT COUNT(*) FROM events WHERE action='add_span'")
        assert events.fetchone()[0] >= len(stored)


def test_failed_action_leaves_nothing_behind(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument("重庆市民政局", {}, id="d")], None)
    me = project.annotator_id("wang")
    spans_store.add(project, "d", me, Span(0, 3, "PLACE"))
    before = project.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    with pytest.raises(spans_store.SpanError):
        spans_store.add(project, "d", me, Span(2, 6, "AGENCY"))
    assert project.db.execute("SELECT COUNT(*) FROM spans").fetchone()[0] == 1
    assert project.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == before
