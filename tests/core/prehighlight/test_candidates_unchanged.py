"""The engine finds exactly the candidates written down in ``expected/``: a change made for
speed must not change a single one (``expected_candidates.py`` says how to rewrite them when a
change is meant to)."""

from functools import cache

import pytest

from annotator.core.prehighlight.engine import Engine, build_engine
from tests.core.prehighlight.expected_candidates import (
    CORPUS,
    corpus_digests,
    demo_layers,
    expected,
    seed_candidates,
)


@cache
def engine() -> Engine:
    return build_engine()


def test_seed_candidates_are_the_expected_ones():
    found = seed_candidates(engine())
    want = expected("seeds.json")
    assert found.keys() == want.keys()
    for name, rows in want.items():
        assert found[name] == rows, name


def test_demo_machine_layers_are_the_expected_ones(tmp_path):
    assert demo_layers(tmp_path) == expected("demo.json")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the evaluation corpus is not on this machine")
def test_corpus_candidates_are_the_expected_ones():
    want = expected("corpus.json")
    found = corpus_digests(engine())
    same_files = [n for n in want if found.get(n, {}).get("sha256") == want[n]["sha256"]]
    if not same_files:
        pytest.skip("the corpus on this machine is not the one the digests were taken on")
    changed = [n for n in same_files if found[n]["candidates"] != want[n]["candidates"]]
    assert changed == []
