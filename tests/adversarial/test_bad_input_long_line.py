"""An article pasted as one long line: pre-highlighting costs the same per character as on a
short one (before, a 5 MB line took minutes: windows and repeats scanned the whole text)."""

from __future__ import annotations

import time

from annotator.core.prehighlight.engine import build_engine
from bench.engine_linear_bench import long_line
from tests.adversarial.bad_input_support import stored
from tests.conftest import run_cli


def _seconds_per_char(engine, chars: int, runs: int) -> float:
    """CPU time (other processes on the machine do not count), best of ``runs``."""
    text = long_line(chars)
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        engine.run(text)
        best = min(best, time.process_time() - t0)
    return best / chars


def test_engine_cost_per_character_does_not_grow_with_the_line():
    engine = build_engine()
    engine.run(long_line(20_000))
    short = _seconds_per_char(engine, 100_000, runs=3)
    long = _seconds_per_char(engine, 1_000_000, runs=1)
    assert long < 3 * short, f"{long * 1e6:.2f} µs/char on 1 MB vs {short * 1e6:.2f} on 100 KB"


def test_long_single_line_article_is_imported_and_prehighlighted(tmp_path):
    article = tmp_path / "one_line.txt"
    article.write_text(long_line(300_000), encoding="utf-8")
    project = tmp_path / "p.annot"

    result = run_cli("import", article, "--project", project)

    assert result.returncode == 0, result.stderr
    (text,) = stored(project).values()
    assert len(text) > 290_000
    candidates = int(result.stderr.split(" candidates")[0].rsplit(" ", 1)[1])
    assert candidates > 3_000
