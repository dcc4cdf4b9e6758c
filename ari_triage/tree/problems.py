"""Problems found in a tree (or announcements) file, written for the admin who has to fix them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ari_triage.errors import Location, TriageError


@dataclass(frozen=True)
class TreeProblem:
    """One thing wrong in a file: where (file, line, column, node), what, and how to fix it."""

    location: Location
    message: str
    node: str | None = None
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def column(self) -> int | None:
        return self.location.column

    def __str__(self) -> str:
        where = f"{self.location}:"
        node = f" node '{self.node}':" if self.node else ""
        text = f"{where} {self.severity}:{node} {self.message}"
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text

    def to_json(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "node": self.node,
                "severity": self.severity, "message": self.message, "hint": self.hint}


class TreeError(TriageError):
    """A tree (or announcements file) cannot be used; ``problems`` lists every reason."""

    code = "tree"

    def __init__(self, problems: list[TreeProblem]):
        errors = [p for p in problems if p.severity == "error"]
        first = errors[0] if errors else problems[0]
        count = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        super().__init__(
            f"{'node ' + repr(first.node) + ': ' if first.node else ''}{first.message}{count}",
            location=first.location, hint=first.hint,
        )
        self.problems = problems

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def sort_problems(problems: list[TreeProblem]) -> list[TreeProblem]:
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))
