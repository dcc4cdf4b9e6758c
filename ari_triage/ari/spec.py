"""The ARI API description (Swagger 1.1 JSON of Asterisk 22, ``api_docs/``) as a validator.

Used by the tests and by the fake Asterisk: a REST request (method, path, query parameters) or an event
JSON object is checked against the description, and each problem is returned as a plain sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

API_DOCS_DIR = Path(__file__).with_name("api_docs")
_RESOURCES = ("channels", "bridges", "playbacks", "events", "applications", "asterisk")
_BASE_TYPES = {"string", "int", "long", "double", "boolean", "Date", "object", "containers", "binary"}


@dataclass(frozen=True)
class Param:
    name: str
    param_type: str  # path, query, body
    required: bool
    data_type: str
    allow_multiple: bool
    allowable_values: tuple[str, ...] | None


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # template, e.g. /channels/{channelId}/play
    nickname: str
    params: tuple[Param, ...]
    errors: Mapping[int, str]
    pattern: re.Pattern[str]
    literal_segments: int
    response_class: str = "void"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True)
class RequestCheck:
    """Outcome of :meth:`ApiSpec.check_request`. ``status`` is what Asterisk would answer for a request
    that does not fit (404 unknown resource, 405 wrong method, 400 bad parameters), else None."""

    operation: Operation | None
    path_params: Mapping[str, str]
    problems: tuple[str, ...]
    status: int | None

    @property
    def ok(self) -> bool:
        return not self.problems


def _value_ok(data_type: str, value: str) -> bool:
    if data_type in ("int", "long"):
        return re.fullmatch(r"-?\d+", value) is not None
    if data_type == "double":
        try:
            float(value)
        except ValueError:
            return False
        return True
    if data_type == "boolean":
        return value.lower() in ("true", "false", "yes", "no", "1", "0", "on", "off")
    return True


class ApiSpec:
    def __init__(self, documents: Mapping[str, Mapping[str, Any]]):
        self.operations: list[Operation] = []
        self.models: dict[str, Mapping[str, Any]] = {}
        for doc in documents.values():
            self.models.update(doc.get("models", {}))
            for api in doc.get("apis", []):
                template = api["path"]
                segments = template.strip("/").split("/")
                regex = "^/" + "/".join(
                    f"(?P<{s[1:-1]}>[^/]+)" if s.startswith("{") else re.escape(s) for s in segments) + "$"
                for op in api["operations"]:
                    params = tuple(
                        Param(
                            name=p["name"], param_type=p["paramType"], required=bool(p.get("required")),
                            data_type=p.get("dataType", "string"), allow_multiple=bool(p.get("allowMultiple")),
                            allowable_values=tuple(p["allowableValues"]["values"])
                            if p.get("allowableValues", {}).get("valueType") == "LIST" else None,
                        )
                        for p in op.get("parameters", [])
                    )
                    self.operations.append(Operation(
                        method=op["httpMethod"].upper(), path=template, nickname=op["nickname"], params=params,
                        errors={int(e["code"]): e["reason"] for e in op.get("errorResponses", [])},
                        pattern=re.compile(regex), literal_segments=sum(not s.startswith("{") for s in segments),
                        response_class=op.get("responseClass", "void"),
                    ))
        # The most literal template wins: POST /channels/externalMedia before POST /channels/{channelId}.
        self.operations.sort(key=lambda o: -o.literal_segments)
        self._subtype_parent: dict[str, str] = {}
        for name, model in self.models.items():
            for sub in model.get("subTypes", []) or []:
                self._subtype_parent[sub] = name

    @classmethod
    def load(cls, directory: Path | None = None) -> ApiSpec:
        if directory is None:
            return _default_spec()
        return cls({name: json.loads((directory / f"{name}.json").read_text()) for name in _RESOURCES
                    if (directory / f"{name}.json").exists()})

    # --- REST ------------------------------------------------------------------------------------------

    def find(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        for op in self.operations:
            match = op.pattern.match(path)
            if match and op.method == method.upper():
                return op, match.groupdict()
        return None

    def check_request(self, method: str, path: str, params: Mapping[str, str | Sequence[str]],
                      body: Any = None) -> RequestCheck:
        """Check one REST request. ``path`` is relative to ``/ari`` (e.g. ``/channels/1.2/play``)."""
        found = self.find(method, path)
        if found is None:
            if any(op.pattern.match(path) for op in self.operations):
                return RequestCheck(None, {}, (f"{method} {path}: method not allowed on this resource",), 405)
            return RequestCheck(None, {}, (f"{method} {path}: no such resource in the ARI description",), 404)
        op, path_params = found
        where = f"{method} {op.path}"
        problems: list[str] = []
        for name, raw in params.items():
            param = op.param(name)
            if param is None or param.param_type != "query":
                problems.append(f"{where}: unknown query parameter {name!r}")
                continue
            values = [raw] if isinstance(raw, str) else list(raw)
            if len(values) > 1 and not param.allow_multiple:
                problems.append(f"{where}: parameter {name!r} given more than once")
            items = [v for value in values for v in (value.split(",") if param.allow_multiple else [value])]
            for item in items:
                if not _value_ok(param.data_type, item):
                    problems.append(f"{where}: parameter {name!r} is not a valid {param.data_type}")
                elif param.allowable_values is not None and item not in param.allowable_values:
                    problems.append(f"{where}: parameter {name!r} must be one of {', '.join(param.allowable_values)}")
        for param in op.params:
            if param.param_type == "query" and param.required and param.name not in params:
                problems.append(f"{where}: required parameter {param.name!r} is missing")
            if param.param_type == "body" and param.required and body is None:
                problems.append(f"{where}: required body {param.name!r} is missing")
        if body is not None and not any(p.param_type == "body" for p in op.params):
            problems.append(f"{where}: takes no body")
        return RequestCheck(op, path_params, tuple(problems), 400 if problems else None)

    def check_response(self, op: Operation, status: int, body: Any) -> list[str]:
        """Check a successful answer's body against the operation's ``responseClass``."""
        where = f"answer to {op.method} {op.path}"
        if status >= 300:
            return []
        if op.response_class == "void":
            return [] if body is None else [f"{where}: should have no body"]
        if body is None:
            return [f"{where}: missing {op.response_class} body"]
        return self._check_value(op.response_class, body, where, None)

    # --- models / events -------------------------------------------------------------------------------

    def model_properties(self, name: str) -> dict[str, Mapping[str, Any]]:
        """Properties of a model including those inherited through ``subTypes`` (Message > Event > X)."""
        props: dict[str, Mapping[str, Any]] = {}
        chain = [name]
        while chain[-1] in self._subtype_parent:
            chain.append(self._subtype_parent[chain[-1]])
        for model_name in reversed(chain):
            props.update(self.models.get(model_name, {}).get("properties", {}))
        return props

    def check_model(self, name: str, obj: Any, where: str = "") -> list[str]:
        where = where or name
        if name not in self.models:
            return [f"{where}: unknown model {name!r}"]
        if not isinstance(obj, Mapping):
            return [f"{where}: is not an object"]
        problems: list[str] = []
        props = self.model_properties(name)
        for prop, spec in props.items():
            if prop not in obj:
                if spec.get("required"):
                    problems.append(f"{where}: required property {prop!r} is missing")
                continue
            problems.extend(self._check_value(spec.get("type", "string"), obj[prop], f"{where}.{prop}",
                                              spec.get("allowableValues")))
        problems.extend(f"{where}: property {prop!r} is not in the ARI description" for prop in obj
                        if prop not in props)
        return problems

    def _check_value(self, type_name: str, value: Any, where: str, allowable: Mapping[str, Any] | None) -> list[str]:
        if value is None:
            return []
        if type_name.startswith("List[") and type_name.endswith("]"):
            if not isinstance(value, list):
                return [f"{where}: should be a list"]
            inner = type_name[5:-1]
            return [p for i, item in enumerate(value) for p in self._check_value(inner, item, f"{where}[{i}]", None)]
        if type_name in ("string", "Date"):
            if not isinstance(value, str):
                return [f"{where}: should be a string"]
            if type_name == "Date" and not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}", value):
                return [f"{where}: is not an ARI date (YYYY-MM-DDTHH:MM:SS.mmm+0000)"]
            if allowable and allowable.get("valueType") == "LIST" and value not in allowable["values"]:
                return [f"{where}: {value!r} is not one of the allowed values"]
            return []
        if type_name in ("int", "long"):
            return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{where}: should be an integer"]
        if type_name == "double":
            return [] if isinstance(value, (int, float)) else [f"{where}: should be a number"]
        if type_name == "boolean":
            return [] if isinstance(value, bool) else [f"{where}: should be a boolean"]
        if type_name in ("object", "containers"):
            return [] if isinstance(value, dict) else [f"{where}: should be an object"]
        if type_name in self.models:
            return self.check_model(type_name, value, where)
        if type_name in _BASE_TYPES:
            return []
        return [f"{where}: unknown type {type_name!r} in the description"]

    def check_event(self, event: Any) -> list[str]:
        """Check one WebSocket message: its ``type`` names an Event model and it fits that model."""
        if not isinstance(event, Mapping) or not isinstance(event.get("type"), str):
            return ["event: not an object with a string 'type'"]
        event_type = event["type"]
        if event_type not in self.models or "Message" not in self._ancestors(event_type):
            return [f"event: type {event_type!r} is not an ARI event"]
        return self.check_model(event_type, event, event_type)

    def _ancestors(self, name: str) -> list[str]:
        chain = []
        while name in self._subtype_parent:
            name = self._subtype_parent[name]
            chain.append(name)
        return chain


@cache
def _default_spec() -> ApiSpec:
    return ApiSpec.load(API_DOCS_DIR)
