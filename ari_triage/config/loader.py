"""Turn the YAML file (plus environment overrides) into a typed :class:`Config`."""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from ari_triage import yamlsrc
from ari_triage.config.model import Config, HookConfig
from ari_triage.errors import ConfigError, Location

ENV_PREFIX = "ARI_TRIAGE_"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG_PATH = REPO_ROOT / "asterisk-conf" / "ari-triage.yaml"
SYSTEM_CONFIG_PATH = Path("/etc/ari-triage/ari-triage.yaml")


def find_config_path(explicit: str | Path | None = None) -> Path | None:
    """The file to read: explicit path, then $ARI_TRIAGE_CONFIG, /etc/ari-triage, the repository copy."""
    if explicit:
        return Path(explicit)
    if os.environ.get("ARI_TRIAGE_CONFIG"):
        return Path(os.environ["ARI_TRIAGE_CONFIG"])
    for candidate in (SYSTEM_CONFIG_PATH, DEFAULT_CONFIG_PATH):
        if candidate.is_file():
            return candidate
    return None


def load_config(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Load and check the configuration. ``path=None`` searches as :func:`find_config_path` does;
    with no file anywhere the embedded defaults are used (paths relative to the repository's
    ``asterisk-conf/``)."""
    env = os.environ if env is None else env
    found = find_config_path(path)
    if found is None:
        raw: Any = yamlsrc.SourceMap()
        base = DEFAULT_CONFIG_PATH.parent
        source = "<embedded defaults>"
    else:
        try:
            raw = yamlsrc.load_file(found)
        except yamlsrc.YamlError as exc:
            raise ConfigError(exc.message, location=exc.location, hint=exc.hint) from None
        if raw is None:
            raw = yamlsrc.SourceMap()
        base = found.resolve().parent
        source = str(found)
    if not isinstance(raw, dict):
        raise ConfigError("the configuration must be a mapping of sections (ari:, asr:, ...)",
                          location=yamlsrc.where(raw) or Location(source))
    raw = _apply_env(raw, env)
    config = _build(Config, raw, "", base)
    return dataclasses.replace(config, source=source)


def _apply_env(raw: dict, env: Mapping[str, str]) -> dict:
    """ARI_TRIAGE_<SECTION>_<KEY>=value overrides a scalar key (used for secrets such as passwords)."""
    sections = {f.name: f for f in dataclasses.fields(Config) if dataclasses.is_dataclass(f.default_factory)}
    for section, f in sections.items():
        for sub in dataclasses.fields(f.default_factory):
            name = f"{ENV_PREFIX}{section}_{sub.name}".upper()
            if name in env:
                block = raw.get(section)
                if not isinstance(block, dict):
                    block = yamlsrc.SourceMap()
                    block.file = f"${name}"
                    raw[section] = block
                block[sub.name] = _EnvValue(env[name], name)
    return raw


class _EnvValue(str):
    """A value that came from the environment (its 'location' is the variable's name)."""

    def __new__(cls, value: str, var: str) -> _EnvValue:
        obj = super().__new__(cls, value)
        obj.var = var  # type: ignore[attr-defined]
        return obj


def _where(container: Any, key: Any) -> Location | None:
    value = container.get(key) if isinstance(container, dict) else None
    if isinstance(value, _EnvValue):
        return Location(f"environment variable {value.var}")
    return yamlsrc.where(container, key)


def _build(cls: type, raw: Any, prefix: str, base: Path) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"'{prefix.rstrip('.') or 'configuration'}' must be a block of keys",
                          location=yamlsrc.where(raw))
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init and f.name != "source"}
    for key in raw:
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise ConfigError(f"unknown key '{prefix}{key}'", location=yamlsrc.key_where(raw, key),
                              hint=f"known keys here: {known}")
    values = {}
    for name in fields:
        if name in raw:
            values[name] = _convert(hints[name], raw[name], f"{prefix}{name}", raw, name, base)
        elif dataclasses.is_dataclass(hints[name]):
            values[name] = _build(hints[name], yamlsrc.SourceMap(), f"{prefix}{name}.", base)
        elif hints[name] is Path or hints[name] == (Path | None):
            default = fields[name].default
            if isinstance(default, Path) and not default.is_absolute():
                values[name] = (base / default).resolve()
    try:
        return cls(**values)
    except TypeError as exc:  # a required field missing (e.g. hook type)
        raise ConfigError(f"'{prefix.rstrip('.')}' is incomplete: {exc}", location=yamlsrc.where(raw)) from None


def _convert(tp: Any, value: Any, key: str, parent: Any, name: Any, base: Path) -> Any:
    loc = _where(parent, name)
    origin = typing.get_origin(tp)
    if tp is HookConfig or (origin is tuple and typing.get_args(tp)[0] is HookConfig):
        return _hooks(value, key, loc, base)
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, f"{key}.", base)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _convert(args[0], value, key, parent, name, base)
    if origin is Literal:
        allowed = typing.get_args(tp)
        if value not in allowed:
            raise ConfigError(f"'{key}' must be one of {', '.join(map(str, allowed))}, not '{value}'",
                              location=loc)
        return value
    if origin is tuple:
        item_tp = typing.get_args(tp)[0]
        if isinstance(value, str) and not isinstance(value, _EnvValue):
            raise ConfigError(f"'{key}' must be a list", location=loc, hint="write it as [a, b] or one '- item' a line")
        items = value.split(",") if isinstance(value, _EnvValue) else value
        if not isinstance(items, list):
            raise ConfigError(f"'{key}' must be a list", location=loc)
        return tuple(_convert(item_tp, v.strip() if isinstance(v, str) else v, f"{key}[{i}]", items, i, base)
                     for i, v in enumerate(items))
    if tp is bool:
        if isinstance(value, _EnvValue):
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
        if not isinstance(value, bool):
            raise ConfigError(f"'{key}' must be true or false, not '{value}'", location=loc)
        return value
    if tp in (int, float):
        if isinstance(value, _EnvValue):
            try:
                value = tp(value)
            except ValueError:
                raise ConfigError(f"'{key}' must be a number, not '{value}'", location=loc) from None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (tp is int and not isinstance(value, int)):
            kind = "a whole number" if tp is int else "a number"
            raise ConfigError(f"'{key}' must be {kind}, not '{value}'", location=loc)
        if value < 0:
            raise ConfigError(f"'{key}' cannot be negative", location=loc)
        return tp(value)
    if tp is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"'{key}' must be a file or directory path", location=loc)
        path = Path(value).expanduser()
        return path if path.is_absolute() else (base / path).resolve()
    if tp is str:
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # phone numbers such as 15 are written bare
        if not isinstance(value, str):
            raise ConfigError(f"'{key}' must be text", location=loc)
        return str(value)
    raise ConfigError(f"'{key}': unsupported value", location=loc)  # pragma: no cover - model bug


def _hooks(value: Any, key: str, loc: Location | None, base: Path) -> tuple[HookConfig, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise ConfigError(f"'{key}' must map each hook name to its settings", location=loc)
    hooks = []
    for name, settings in value.items():
        if not isinstance(settings, dict):
            raise ConfigError(f"hook '{name}' must be a block with at least 'type'",
                              location=yamlsrc.key_where(value, name))
        if "type" not in settings:
            raise ConfigError(f"hook '{name}' needs 'type: webhook' or 'type: command'",
                              location=yamlsrc.key_where(value, name))
        merged = yamlsrc.SourceMap(settings)
        merged.__dict__.update(settings.__dict__)
        merged["name"] = str(name)
        hook = _build(HookConfig, merged, f"{key}.{name}.", base)
        if hook.type == "webhook" and not hook.url:
            raise ConfigError(f"hook '{name}' is a webhook but has no 'url'", location=yamlsrc.key_where(value, name))
        if hook.type == "command" and not hook.command:
            raise ConfigError(f"hook '{name}' is a command but has no 'command' list",
                              location=yamlsrc.key_where(value, name))
        hooks.append(hook)
    return tuple(hooks)
