"""What a user can do with a project, one function per use case, for both faces.

The command line and the app call the same functions: create a project (``projects``),
import files of any supported format (``importing``), export, release (``exporting``),
pack and collect (``team``). Each takes plain values, plus an optional ``progress(done,
total)`` callback and ``cancelled()`` check for the long ones, and returns a report
dataclass: counts, problems with file and line, paths written, and, where a view repaints,
the documents added or changed. Nothing here prints or knows Qt: the faces say the report
in their own words and language. The use cases compose the domain modules' public
functions; the work itself stays there.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def never() -> bool:
    """The cancel check of a job nobody can cancel."""
    return False
