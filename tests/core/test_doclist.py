"""The document list's store: progress kept by triggers through every kind of change, and
views that page, place and step through a project larger than one page."""

import random

from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.store import Project, doclist
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store


def _project(path, n: int) -> Project:
    rng = random.Random(3)
    project = Project.create(path)
    with project.transaction():
        docs_store.insert(project, [
            docs_store.NewDocument(f"第{i}篇，区妇联开展活动。", {"title": rng.choice("甲乙丙丁")},
                                   id=f"d{i:03d}",
                                   status=rng.choice(("suggested", "annotated", "gold")))
            for i in range(n)], None)  # fmt: skip
        for i in range(n):
            spans_store.replace_layer(project, f"d{i:03d}", project.machine_id(), [
                Span(j, j + 1, rng.choice(("ORG", "PLACE")), origin="suggested", source="r",
                     score=0.9) for j in range(rng.randint(0, 3))])  # fmt: skip
    return project


def _kept(project: Project) -> list[tuple]:
    return project.db.execute("SELECT * FROM doc_progress ORDER BY 1, 2").fetchall()


def _recomputed(project: Project) -> list[tuple]:
    return project.db.execute("SELECT * FROM doc_progress_source ORDER BY 1, 2").fetchall()


def test_progress_is_kept_by_every_change_in_its_own_transaction(tmp_path):
    project = _project(tmp_path / "p.annot", 30)
    wang = Editor(project, "wang")
    gestures = []
    for i in range(0, 30, 2):
        doc_id = f"d{i:03d}"
        spans = wang.open(doc_id)
        for span in spans[:1]:
            gestures.append(wang.accept(span.id))
        for span in spans[1:2]:
            gestures.append(wang.reject(span.id))
        if i % 4 == 0:
            gestures.append(wang.mark_done(doc_id, "accept"))
    docs_store.set_status(project, "d002", "reviewed", None)
    for gesture in gestures[-5:]:
        wang.undo(gesture)
    docs_store.clear_annotator_status(project, "d004", wang.me)
    assert _kept(project) == _recomputed(project)
    assert len(_kept(project)) == 14  # the opened documents, one left again
    before = _kept(project)
    try:
        with project.transaction():
            wang.mark_done("d006", "accept")
            raise RuntimeError("cut short")
    except RuntimeError:
        pass
    assert _kept(project) == before  # rolled back with the change it followed


_COUNTED = """
SELECT (SELECT COUNT(*) FROM documents),
       (SELECT COUNT(*) FROM doc_status WHERE annotator_id = :me AND status = 'done'),
       (SELECT COUNT(*) FROM spans WHERE annotator_id = :machine),
       (SELECT COUNT(*) FROM spans s WHERE s.annotator_id = :machine AND NOT EXISTS (
            SELECT 1 FROM doc_status ds WHERE ds.doc_id = s.doc_id AND ds.annotator_id = :me)),
       (SELECT COUNT(*) FROM spans WHERE annotator_id = :me AND origin = 'suggested')
"""  # the project's progress counted span by span, as it was before the store kept it


def test_the_projects_progress_from_kept_counts_equals_counting_every_span(tmp_path):
    project = _project(tmp_path / "p.annot", 40)
    wang = Editor(project, "wang")
    for i in range(0, 40, 3):
        spans = wang.open(f"d{i:03d}")
        if spans:
            wang.reject(spans[0].id)
        if i % 2:
            wang.mark_done(f"d{i:03d}", "accept")
    with project.transaction():  # the machine's candidates redone for some documents
        for i in range(0, 40, 5):
            spans_store.replace_layer(project, f"d{i:03d}", project.machine_id(), [
                Span(0, 2, "ORG", origin="suggested", source="r", score=0.9)])  # fmt: skip
    ids = {"me": wang.me, "machine": project.machine_id()}
    documents, done, candidates, unopened, suggested = project.db.execute(
        _COUNTED, ids).fetchone()
    assert docs_store.progress(project, wang.me) == docs_store.Progress(
        done, documents, max(0, candidates - unopened - suggested), candidates)
    assert docs_store.progress(project, wang.me).done > 0
    assert _kept(project) == _recomputed(project)


def test_a_view_pages_places_and_steps_like_the_whole_list(tmp_path):
    project = _project(tmp_path / "p.annot", 120)
    wang = Editor(project, "wang")
    for i in range(10, 60):
        wang.open(f"d{i:03d}")
        wang.mark_done(f"d{i:03d}", "reject")
    listing = doclist.Listing(project, doclist.View(wang.me, "status"))
    every = listing.page(0, 1000)
    assert listing.count() == len(every) == 120
    paged, after = [], None
    for offset in range(0, 120, 25):
        page = listing.page(offset, 25, after=after)
        paged += page
        after = page[-1].key
    assert [r.id for r in paged] == [r.id for r in every]
    assert [r.id for r in listing.page(75, 25)] == [r.id for r in every[75:100]]
    assert [listing.position(r.id) for r in every[::17]] == list(range(0, 120, 17))
    done = {r.id for r in every if r.mine == "done"}
    assert len(done) == 50
    for i, row in enumerate(every):
        following = next((r.id for r in every[i + 1:] if r.id not in done), None)
        found = listing.unfinished(row.id, 1)
        assert (found.id if found else None) == following
    listing.close()
    project.close()
