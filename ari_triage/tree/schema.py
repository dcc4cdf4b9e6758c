"""Checking a tree (or announcements) file against its JSON Schema, with errors an admin understands.

The schemas are files shipped next to this module (``tree.schema.json``, ``announcements.schema.json``):
editors use them too (``# yaml-language-server: $schema=...``). jsonschema's own messages are written for
programmers, so each error is rewritten here in plain words and placed at ``file:line:column``.

Nodes are checked one by one against the schema of their kind (the kind is the key that says what the
node does: ``say``, ``ask``...), which gives far clearer errors than the editors' ``oneOf``.
"""

from __future__ import annotations

import copy
import difflib
import json
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from ari_triage import yamlsrc
from ari_triage.errors import Location
from ari_triage.tree.model import NODE_KINDS, PERSON_KEY
from ari_triage.tree.problems import TreeProblem

TREE_SCHEMA = "tree.schema.json"
SCENARIOS_SCHEMA = "scenarios.schema.json"
ANNOUNCEMENTS_SCHEMA = "announcements.schema.json"

# What each required field is for, to say it when it is missing.
FIELD_PURPOSE = {
    "next": "the id of the node to go to afterwards",
    "cases": "the possible values and the node each one leads to",
    "queue": "the name of the queue",
    "name": "a name",
    "start": "the id of the first node of every call",
    "person": "where key 0 and 'parler à quelqu'un' lead (person: {queue: accueil})",
    "emergency": "where possibly life-threatening calls go (emergency: {queue: urgences})",
    "nodes": "the steps of the call",
    "announcements": "the list of announcements (it may be empty: announcements: [])",
    "active": "true (played) or false (switched off)",
    "text": "the sentence to say",
}
TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a block of 'key: value' lines",
    "array": "a list (one '- item' per line)",
    "null": "empty",
}


@cache
def load_schema(name: str) -> dict:
    return json.loads(resources.files("ari_triage.tree").joinpath(name).read_text(encoding="utf-8"))


def schema_path(name: str = TREE_SCHEMA) -> str:
    return str(resources.files("ari_triage.tree").joinpath(name))


def load_yaml(path: Any) -> Any:
    """Tree files are read like every YAML file of ours (plain-word syntax errors with file:line)."""
    return yamlsrc.load_file(path)


def normalise(data: Any) -> Any:
    """Make YAML's implicit types what an admin meant, in place, keeping positions: ``1:`` as a key is
    the text "1" (a phone key), a date is its ISO text."""
    if isinstance(data, yamlsrc.SourceMap):
        for key in list(data.keys()):
            value = normalise(data[key])
            new_key = str(key) if isinstance(key, int) and not isinstance(key, bool) else key
            if new_key != key or value is not data[key]:
                key_pos, value_pos = data.key_pos.get(key), data.value_pos.get(key)
                del data[key]
                data[new_key] = value
                if key_pos:
                    data.key_pos[new_key] = key_pos
                if value_pos:
                    data.value_pos[new_key] = value_pos
        return data
    if isinstance(data, yamlsrc.SourceList):
        for i, item in enumerate(data):
            data[i] = normalise(item)
        return data
    if isinstance(data, datetime):
        return data.isoformat(sep=" ")
    if isinstance(data, date):
        return data.isoformat()
    return data


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{value[:40]}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return type(value).__name__


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _navigate(root: Any, path: list) -> tuple[Any, Any]:
    """(container, key) of the value at ``path`` (key None: the root itself)."""
    container, key = None, None
    value = root
    for part in path:
        container, key = value, part
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            break
    return container, key


def _location(root: Any, path: list, file: str) -> Location:
    container, key = _navigate(root, path)
    if container is None:
        return yamlsrc.where(root) or Location(file)
    return yamlsrc.where(container, key) or Location(file)


def _field_name(path: list, fallback: str) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return fallback


class _Explainer:
    """Turns jsonschema errors for one instance into :class:`TreeProblem`."""

    def __init__(self, root: Any, file: str, node: str | None, base_path: list, top_name: str):
        self.root, self.file, self.node, self.base_path, self.top_name = root, file, node, base_path, top_name

    def problem(self, err: jsonschema.ValidationError) -> TreeProblem:
        path = self.base_path + list(err.absolute_path)
        location = _location(self.root, path, self.file)
        field = _field_name(path, self.top_name)
        kind = err.validator
        value = err.instance
        hint = None
        if "propertyNames" in err.schema_path:
            container, key = _navigate(self.root, path)
            target = container[key] if container is not None else self.root
            location = yamlsrc.key_where(target, value) or location
            message, hint = self._bad_key(field, value, err)
        elif kind == "required":
            missing = [name for name in err.validator_value if name not in (value or {})]
            name = missing[0] if missing else "?"
            if not err.absolute_path:
                what = f"this {self._kind_of(value)} node" if self.node else "the file"
            else:
                what = f"'{field}'"
            message = f"{what} needs '{name}:' ({FIELD_PURPOSE.get(name, 'required')})"
        elif kind == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            extras = [k for k in value if k not in allowed]
            name = extras[0] if extras else "?"
            location = yamlsrc.key_where(value, name) or location
            message = f"unknown key '{name}'{_suggest(name, allowed)}"
            hint = "keys allowed here: " + ", ".join(allowed)
        elif kind == "type":
            expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
            words = " or ".join(TYPE_WORDS.get(t, t) for t in expected)
            if value is None:
                message = f"'{field}' has no value: it must be {words}"
            else:
                message = f"'{field}' must be {words}, not {_describe(value)}"
            if "string" in expected and isinstance(value, (int, float)):
                hint = "put the value in quotes, for example \"15\""
        elif kind == "enum":
            choices = [str(c) for c in err.validator_value]
            message = f"'{field}' must be one of: {', '.join(choices)} (not '{value}'){_suggest(value, choices)}"
        elif kind in ("minimum", "maximum"):
            word = "at least" if kind == "minimum" else "at most"
            message = f"'{field}' must be {word} {err.validator_value} (it is {value})"
        elif kind == "minLength":
            message = f"'{field}' is empty: write something"
        elif kind == "maxLength":
            message = (f"'{field}' is too long ({len(value)} characters, at most {err.validator_value}): "
                       f"callers on the phone lose track of long sentences")
            hint = "split it into two nodes, or shorten it"
        elif kind == "minProperties":
            message = f"'{field}' is empty"
        elif kind == "pattern":
            message, hint = self._bad_pattern(path, field, value)
        elif kind == "oneOf" and "turns" in path:
            message = f"this turn is not understood: {_describe(value)}"
            hint = "write one of: - say: \"bonjour\"   - dtmf: \"1\"   - silence   - hangup"
        else:  # a rule this explainer does not know yet: still say where and what
            message = f"'{field}' is not valid: {err.message}"
        return TreeProblem(location, message, node=self.node, hint=hint)

    @staticmethod
    def _kind_of(value: Any) -> str:
        if isinstance(value, dict):
            for kind in NODE_KINDS:
                if kind in value:
                    return f"'{kind}'"
        return ""

    @staticmethod
    def _bad_key(field: str, key: Any, err: jsonschema.ValidationError) -> tuple[str, str | None]:
        if field == "keys":
            if str(key) == PERSON_KEY:
                return ("key 0 cannot be used here: it is reserved, at every step, for reaching a person",
                        "remove the line '0: ...'; use keys 1 to 9, * or #")
            return f"'{key}' is not a phone key", "use one key per line: 1 to 9, * or #"
        if field == "intents":
            choices = list(err.validator_value) if err.validator == "enum" else []
            return (f"'{key}' is not an intent the assistant knows{_suggest(key, choices)}",
                    "known intents: " + ", ".join(choices))
        if field == "urgency":
            return f"'{key}' is not an urgency level", "use normale, urgente or vitale"
        if field == "week":
            return (f"'{key}' is not a day", "use lundi ... dimanche, or a range like lundi-vendredi")
        if field == "nodes":
            return (f"'{key}' is not a valid node id", "use letters, digits, '_' or '-' (no spaces)")
        return f"'{key}' is not allowed here", None

    @staticmethod
    def _bad_pattern(path: list, field: str, value: Any) -> tuple[str, str | None]:
        if isinstance(value, str) and not value.strip():
            return f"'{field}' is empty: write something", None
        if "week" in path:
            return (f"'{value}' are not opening hours",
                    "write hours like \"08:00-12:00, 13:30-18:00\", or \"fermé\"")
        if field == "transfer":
            return f"'{value}' is not a phone number", "write digits only, in quotes, for example \"15\""
        if field in ("from", "until"):
            return (f"'{value}' is not a date",
                    "write a date like 2026-12-24, or a date and time like 2026-12-24 14:00")
        if "closed" in path:
            return (f"'{value}' is not a date or a range of dates",
                    "write 2026-12-24, or a range like 2026-08-10..2026-08-14")
        if field == "language":
            return f"'{value}' is not a language code", "use a two-letter code such as fr"
        return f"'{value}' is not a valid node id", "use letters, digits, '_' or '-' (no spaces)"


def _sorted_errors(validator: jsonschema.protocols.Validator, instance: Any) -> list[jsonschema.ValidationError]:
    return sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])


@cache
def _validator(schema_name: str, ref: str | None) -> jsonschema.protocols.Validator:
    schema = load_schema(schema_name)
    if ref is None:
        top = copy.deepcopy(schema)
        if schema_name == TREE_SCHEMA:
            # nodes are checked one by one with the schema of their kind (clearer messages)
            top["properties"]["nodes"]["additionalProperties"] = {}
        return jsonschema.Draft202012Validator(top)
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{ref}", "$defs": schema["$defs"]})


def check_tree_schema(raw: Any, file: str) -> list[TreeProblem]:
    """Schema problems of a parsed tree file (already :func:`normalise`\\ d)."""
    if not isinstance(raw, dict):
        return [TreeProblem(yamlsrc.where(raw) or Location(file, 1, 1),
                            "a tree file must be a block of keys (name:, start:, person:, emergency:, nodes:)")]
    top = _Explainer(raw, file, None, [], "tree")
    problems = [top.problem(e) for e in _sorted_errors(_validator(TREE_SCHEMA, None), raw)]
    nodes = raw.get("nodes")
    if not isinstance(nodes, dict):
        return problems
    for node_id, body in nodes.items():
        node_loc = yamlsrc.key_where(nodes, node_id) or Location(file)
        if not isinstance(body, dict):
            problems.append(TreeProblem(node_loc, "a node must be a block of keys, for example 'say: ...' and "
                                        "'next: ...' on the lines below it, indented", node=str(node_id)))
            continue
        kinds = [k for k in NODE_KINDS if k in body]
        if not kinds:
            unknown = [k for k in body if k not in ("note",)]
            guess = _suggest(unknown[0], list(NODE_KINDS)) if unknown else ""
            problems.append(TreeProblem(
                node_loc, f"this node does not say what it does{guess}", node=str(node_id),
                hint="give it exactly one of: " + ", ".join(f"{k}:" for k in NODE_KINDS)))
            continue
        if len(kinds) > 1:
            problems.append(TreeProblem(
                yamlsrc.key_where(body, kinds[1]) or node_loc,
                f"this node has both '{kinds[0]}:' and '{kinds[1]}:', but a node does one thing",
                node=str(node_id), hint="split it into two nodes linked with 'next:'"))
            continue
        explainer = _Explainer(raw, file, str(node_id), ["nodes", node_id], kinds[0])
        problems += [explainer.problem(e) for e in _sorted_errors(_validator(TREE_SCHEMA, kinds[0]), body)]
    return problems


def check_announcements_schema(raw: Any, file: str) -> list[TreeProblem]:
    if not isinstance(raw, dict):
        return [TreeProblem(yamlsrc.where(raw) or Location(file, 1, 1),
                            "an announcements file must start with 'announcements:' followed by a list")]
    explainer = _Explainer(raw, file, None, [], "announcements")
    return [explainer.problem(e) for e in _sorted_errors(_validator(ANNOUNCEMENTS_SCHEMA, None), raw)]


def check_scenarios_schema(raw: Any, file: str) -> list[TreeProblem]:
    if not isinstance(raw, dict):
        return [TreeProblem(yamlsrc.where(raw) or Location(file, 1, 1),
                            "a scenarios file must be a block of keys (tree:, scenarios:)")]
    explainer = _Explainer(raw, file, None, [], "scenarios")
    return [explainer.problem(e) for e in _sorted_errors(_validator(SCENARIOS_SCHEMA, None), raw)]
