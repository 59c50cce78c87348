"""Pre-highlighting on every core: worker processes run the engine, the caller stays the
only writer of the project file.

Each worker builds the engine once (a second or two) from an :class:`EngineRecipe`, the
engine's picklable description, and then takes chunks of documents; results come back in
the order chunks were submitted, so what is stored is what one process would have stored.
Workers are started with the ``spawn`` method on every platform (a fork of a process that
runs a Qt job thread could inherit a held lock) and hold a lifeline to the parent: when the
parent ends, however it ends, its end of the pipe closes and each worker exits, so no
process outlives the import. A worker whose engine finds other candidates than the
parent's on a probe text never takes work: the caller falls back to its own engine.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from ..kb.knowledge import KnowledgeBase
from ..model import Span
from .engine import Engine, build_engine, to_span
from .sources import SourcesRecipe

T = TypeVar("T")
# Characters this process pre-highlights before it starts workers (~0.1 s of work): a
# worker takes a second or two to build its engine.
START_AFTER = 100_000
Document = tuple[str, Mapping[str, Any]]  # text and metadata, as ``Engine.run`` takes them
# What workers run first, and the parent too: one line for most rule families. A worker
# whose candidates differ was not built like the parent's engine.
PROBE = ("2024年3月17日，重庆市渝中区民政局发布：全区6.79万人次参加服务，联系电话023-63881234。"
         "记者张莎报道，《重庆市社会救助办法》同日施行，合川清平镇后堡社区41号。")


@dataclass(frozen=True)
class EngineRecipe:
    """What a worker needs to build the same engine as this process: picklable, unlike the
    engine (its automata are rebuilt in the worker, faster than they would be copied)."""

    kb: KnowledgeBase | None = None
    default_region: str | None = None
    sources: SourcesRecipe = SourcesRecipe()

    def build(self) -> Engine:
        return build_engine(kb=self.kb, default_region=self.default_region,
                            **self.sources.build())


# The engines of this process that know their recipe (forgotten with the engine).
_RECIPES: WeakKeyDictionary[Engine, EngineRecipe] = WeakKeyDictionary()


def remember_recipe(engine: Engine, recipe: EngineRecipe) -> Engine:
    """Note how ``engine`` was built, so that workers can build it again; returns it."""
    _RECIPES[engine] = recipe
    return engine


def recipe_of(engine: Engine) -> EngineRecipe | None:
    """The recipe ``engine`` was built from, or ``None`` for an engine built otherwise."""
    return _RECIPES.get(engine)


def machine_spans(engine: Engine, docs: Sequence[Document]) -> list[list[Span]]:
    """Each document's candidates as the spans of a machine layer."""
    return [[to_span(c) for c in engine.run(text, meta)] for text, meta in docs]


# -- in the worker -------------------------------------------------------------------------
_engine: Engine | None = None


def _start_worker(recipe_file: str, lifeline: Connection, expected: list[Span],
                  ready: Any, mismatch: Any) -> None:
    """Pool initializer: the engine, checked on the probe text, and the lifeline watch."""
    global _engine
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch_parent, args=(lifeline,), daemon=True).start()
    try:
        engine = pickle.loads(Path(recipe_file).read_bytes()).build()
        same = machine_spans(engine, [(PROBE, {})])[0] == expected
    except Exception:  # noqa: BLE001 - any failure: the parent runs the engine itself
        same = False
    counter = ready if same else mismatch
    with counter.get_lock():
        counter.value += 1
    _engine = engine if same else None


def _watch_parent(lifeline: Connection) -> None:
    """Exit when the parent's end of the lifeline closes: the parent has gone."""
    with suppress(EOFError, OSError):
        lifeline.recv()
    os._exit(0)


def _run_chunk(docs: list[Document]) -> list[list[Span]] | None:
    """The chunk's spans, or ``None`` from a worker without a usable engine."""
    return None if _engine is None else machine_spans(_engine, docs)


# -- in the parent -------------------------------------------------------------------------
class EnginePool:
    """``workers`` processes running the engine of ``recipe``; :meth:`terminate` ends them."""

    def __init__(self, recipe: EngineRecipe, workers: int, engine: Engine):
        ctx = multiprocessing.get_context("spawn")
        self._ready = ctx.Value("i", 0)
        self._mismatch = ctx.Value("i", 0)
        self._lifeline, self._keep = ctx.Pipe(duplex=False)
        expected = machine_spans(engine, [(PROBE, {})])[0]
        self.workers = workers
        # The recipe (a knowledge base of some MB) goes through a file, pickled once: as a
        # start argument it would be pickled per worker, and the parent would wait for each
        # worker to read it through a pipe.
        with tempfile.NamedTemporaryFile("wb", suffix=".engine", delete=False) as fh:
            fh.write(pickle.dumps(recipe, protocol=pickle.HIGHEST_PROTOCOL))
        self._recipe_file = Path(fh.name)
        self._pool: Pool | None = None
        try:
            self._pool = ctx.Pool(
                workers, _start_worker,
                (str(self._recipe_file), self._lifeline, expected, self._ready, self._mismatch),
            )
        except BaseException:
            self.terminate()
            raise

    def ready(self) -> bool:
        """Whether a worker has its engine and may be given work (never, on a mismatch)."""
        return self._mismatch.value == 0 and self._ready.value > 0

    def failed(self) -> bool:
        """A worker's engine disagreed with this process's: the pool must not be used."""
        return self._mismatch.value > 0

    def submit(self, docs: list[Document]) -> AsyncResult[list[list[Span]] | None]:
        assert self._pool is not None
        return self._pool.apply_async(_run_chunk, (docs,))

    def terminate(self) -> None:
        """End the workers now (cancel, error, or all done): unfinished work is dropped."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self._keep.close()
        self._lifeline.close()
        self._recipe_file.unlink(missing_ok=True)


class OrderedSpans(Generic[T]):
    """Batches of documents in, each batch's machine spans out, in the order batches came.

    The engine runs here first: workers start only once this process has run it on
    ``start_after`` characters (a small import never pays for their start), and until one
    is ready. Then the workers take the batches, a few ahead of the caller, who stores what
    comes out. A ``None`` document takes no candidates (it brings its own spans) and gets
    ``None``.
    """

    def __init__(self, engine: Engine, workers: int, start_after: int = START_AFTER):
        self.engine = engine
        self.workers = workers
        self.recipe = recipe_of(engine) if workers > 1 else None
        self.start_after = start_after
        self.pool: EnginePool | None = None
        self.pending: deque[tuple[T, Sequence[Document | None], AsyncResult]] = deque()
        self._chars_here = 0

    def put(self, key: T, docs: Sequence[Document | None],
            ) -> list[tuple[T, list[list[Span] | None]]]:
        """Hand in a batch; returns the batches now done, oldest first (maybe none)."""
        pool = self._pool()
        if pool is not None and pool.ready():
            self.pending.append((key, docs, pool.submit([d for d in docs if d is not None])))
            done = []
            while len(self.pending) > 2 * pool.workers:
                done.append(self._collect())
            return done
        return [*self.drain(), (key, self._here(docs))]

    def drain(self) -> list[tuple[T, list[list[Span] | None]]]:
        """Every batch still with the workers, in order."""
        return [self._collect() for _ in range(len(self.pending))]

    def _pool(self) -> EnginePool | None:
        if self.pool is None and self.recipe is not None and self._chars_here >= self.start_after:
            try:
                self.pool = EnginePool(self.recipe, self.workers, self.engine)
            except (OSError, RuntimeError, pickle.PicklingError):  # no processes: run it here
                self.recipe = None
        if self.pool is not None and self.pool.failed() and not self.pending:
            self.pool.terminate()
            self.pool, self.recipe = None, None
        return self.pool

    def _collect(self) -> tuple[T, list[list[Span] | None]]:
        key, docs, result = self.pending.popleft()
        found = result.get()
        if found is None:  # a worker without a usable engine: run it here
            return key, self._here(docs)
        spans = iter(found)
        return key, [None if d is None else next(spans) for d in docs]

    def _here(self, docs: Sequence[Document | None]) -> list[list[Span] | None]:
        self._chars_here += sum(len(d[0]) for d in docs if d is not None)
        return [None if d is None else machine_spans(self.engine, [d])[0] for d in docs]

    def __enter__(self) -> OrderedSpans[T]:
        return self

    def __exit__(self, *_exc: object) -> None:
        """Workers end here, at once: whatever they still held is no longer wanted."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
