"""YAML loading that keeps line numbers, so every error an admin reads says ``file.yaml:LINE:COL``.

Mappings load as :class:`SourceMap` (a dict that remembers where each key and value was written),
sequences as :class:`SourceList`. Scalars stay plain Python values. Use :func:`where` to get the
:class:`~ari_triage.errors.Location` of a key or item. Duplicate keys are an error (PyYAML silently keeps
the last one, which hides an admin's typo).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ari_triage.errors import Location, TriageError


class YamlError(TriageError):
    code = "yaml"


class SourceMap(dict):
    """A YAML mapping that remembers positions: ``key_pos[key]`` and ``value_pos[key]``."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.file = "<string>"
        self.pos: Location = Location(self.file)
        self.key_pos: dict[Any, Location] = {}
        self.value_pos: dict[Any, Location] = {}


class SourceList(list):
    """A YAML sequence that remembers the position of each item in ``item_pos``."""

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.file = "<string>"
        self.pos: Location = Location(self.file)
        self.item_pos: list[Location] = []


def _loc(file: str, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _make_loader(file: str) -> type[yaml.SafeLoader]:
    # The C parser (when PyYAML was built with libyaml) is several times faster and keeps marks.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc,valid-type]
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> SourceMap:
        loader.flatten_mapping(node)
        result = SourceMap()
        result.file = file
        result.pos = _loc(file, node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlError("a mapping key must be a plain word or number", location=_loc(file, key_node))
            if key in result:
                raise YamlError(
                    f"the key '{key}' is written twice in the same block (first at line "
                    f"{result.key_pos[key].line}); keep only one",
                    location=_loc(file, key_node),
                )
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_pos[key] = _loc(file, key_node)
            result.value_pos[key] = _loc(file, value_node)
        return result

    def construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> SourceList:
        result = SourceList(loader.construct_object(child, deep=True) for child in node.value)
        result.file = file
        result.pos = _loc(file, node)
        result.item_pos = [_loc(file, child) for child in node.value]
        return result

    def construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except ValueError:  # PyYAML raises a bare ValueError for a date that does not exist (2026-02-30)
            raise YamlError(f"'{node.value}' is not a real date", location=_loc(file, node),
                            hint="dates are written YYYY-MM-DD; check the day and the month") from None

    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def loads(text: str, file: str = "<string>") -> Any:
    """Parse YAML text; syntax errors become :class:`YamlError` with the file position."""
    try:
        return yaml.load(text, Loader=_make_loader(file))
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _plain_syntax_error(exc, file) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"this is not valid YAML: {exc}", location=Location(file)) from None


# PyYAML's wording (pure-Python and libyaml parsers) of the common mistakes -> words an admin
# understands ({line}: where the block began).
_PLAIN_YAML = (
    ("while scanning a quoted scalar", "a quote (\" or ') is opened at line {line} but never closed"),
    ("mapping values are not allowed", "there is a ':' inside a value: put the whole sentence in quotes"),
    ("cannot start any token", "this line has a character YAML does not accept here (a tab? use spaces)"),
    ("expected <block end>", "this line is not indented like the lines above it (block starting at line {line})"),
    ("did not find expected key", "this line is not indented like the lines above it (block starting at line {line})"),
    ("could not find expected ':'", "a line is missing its ':' (block starting at line {line})"),
)


def _plain_syntax_error(exc: yaml.MarkedYAMLError, file: str) -> YamlError:
    problem_mark = exc.problem_mark or exc.context_mark
    context_mark = exc.context_mark or exc.problem_mark
    location = Location(file, problem_mark.line + 1, problem_mark.column + 1) if problem_mark else Location(file)
    block_line = context_mark.line + 1 if context_mark else "?"
    said = f"{exc.context or ''} {exc.problem or ''}"
    hint = "check the indentation (spaces, not tabs) and that every ':' is followed by a space"
    for clue, plain in _PLAIN_YAML:
        if clue in said:
            if clue.startswith("while scanning a quoted") and context_mark is not None:
                # an unclosed quote is otherwise reported at the end of the file: point at where it opens
                location = Location(file, context_mark.line + 1, context_mark.column + 1)
            return YamlError(f"this is not valid YAML: {plain.format(line=block_line)}", location=location, hint=hint)
    message = f"this is not valid YAML: {exc.problem or exc.context or 'syntax error'}"
    if exc.context and context_mark is not None and problem_mark is not None and context_mark.line != problem_mark.line:
        message += f" ({exc.context.strip()} that starts at line {block_line})"
    return YamlError(message, location=location, hint=hint)


def load_file(path: str | Path) -> Any:
    """Read and parse a YAML file; unreadable files become :class:`YamlError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError(f"file not found: {path}", location=Location(str(path))) from None
    except UnicodeDecodeError as exc:
        raise YamlError(
            f"the file is not UTF-8 text (byte {exc.start})", location=Location(str(path)),
            hint="save the file as UTF-8",
        ) from None
    except OSError as exc:
        raise YamlError(f"cannot read the file: {exc.strerror}", location=Location(str(path))) from None
    return loads(text, str(path))


def where(container: Any, key: Any = None) -> Location | None:
    """Location of ``container[key]``'s value (or of the container itself when key is None)."""
    if key is None:
        return getattr(container, "pos", None)
    if isinstance(container, SourceMap):
        return container.value_pos.get(key, container.pos)
    if isinstance(container, SourceList) and isinstance(key, int) and 0 <= key < len(container.item_pos):
        return container.item_pos[key]
    return getattr(container, "pos", None)


def key_where(container: Any, key: Any) -> Location | None:
    """Location of the key itself (for 'unknown key' errors)."""
    if isinstance(container, SourceMap):
        return container.key_pos.get(key, container.pos)
    return getattr(container, "pos", None)
