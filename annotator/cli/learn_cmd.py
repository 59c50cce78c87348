"""``annotator learn`` and ``annotator suggest``: a project learns from its people's decisions
and proposes candidates with what it learnt."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.store import Project


def cmd_learn(args: argparse.Namespace) -> int:
    """Train and store the project's model; too few decisions is a clear error (status 1)."""
    from ..core.learn.project import TooFewDecisions, describe, learn
    from ..core.prehighlight.general_model import available
    from ..core.prehighlight.sources import SETTING

    if args.general_model == "on" and not available():
        print("error: the general model is not installed (pip install "
              "gov-news-annotator[model])", file=sys.stderr)
        return 1
    with Project.open(args.project) as project:
        if args.general_model:
            project.set_setting(SETTING, args.general_model)
        try:
            summary = learn(project)
        except TooFewDecisions as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    for line in describe(summary):
        print(line)
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    """Recompute the machine candidates of the documents nobody has touched."""
    from ..core.learn.project import suggest
    from ..core.store import models as models_store

    with Project.open(args.project) as project:
        model = models_store.latest(project)
        docs, candidates = suggest(project)
    using = (f"the project's model of {model.created_at}" if model
             else "the rules (no model learnt yet: run annotator learn)")
    print(f"{candidates} candidates for {docs} untouched documents, with {using}",
          file=sys.stderr)
    return 0


def add_parsers(sub: Any) -> None:
    """Register ``learn`` and ``suggest`` on the subcommands of the main parser."""
    p = sub.add_parser("learn", help="learn the project's model from people's decisions")
    p.add_argument("--project", required=True)
    p.add_argument("--general-model", choices=["on", "off"],
                   help="also use the general model (more accurate names, slower imports); "
                        "the project remembers the choice")
    p.set_defaults(func=cmd_learn)
    p = sub.add_parser("suggest",
                       help="recompute candidates of documents nobody has touched, "
                            "with the project's model")
    p.add_argument("--project", required=True)
    p.set_defaults(func=cmd_suggest)
