"""Entry point of the ``ari-triage`` command. Each layer's commands live in their own module and are
registered here; heavy imports (scikit-learn, Vosk) happen inside the commands that need them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from ari_triage import __version__
from ari_triage.config import Config, load_config
from ari_triage.errors import ConfigError, TriageError

EXIT_FAILED = 1  # the command ran and found problems (invalid tree, failing scenario...)
EXIT_BAD_INPUT = 2  # bad configuration or arguments


class CliContext:
    """Lazily loaded configuration shared by the sub-commands."""

    def __init__(self, config_path: str | None):
        self.config_path = config_path
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config


pass_ctx = click.make_pass_decorator(CliContext)


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors into a clear message and an exit code instead of a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            click.echo(f"configuration error: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except TriageError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_FAILED if exc.code not in ("yaml", "usage") else EXIT_BAD_INPUT)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", envvar="ARI_TRIAGE_CONFIG", type=click.Path(dir_okay=False),
              help="Configuration file (default: /etc/ari-triage/ari-triage.yaml, else the repository's "
                   "asterisk-conf/ari-triage.yaml, else embedded defaults).")
@click.version_option(__version__, prog_name="ari-triage")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """ari-triage: AI call triage for an Asterisk PBX (offline speech recognition, YAML trees)."""
    ctx.obj = CliContext(config_path)


@cli.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("check")
@pass_ctx
@friendly_errors
def config_check(ctx: CliContext) -> None:
    """Load the configuration and report problems (exit 2 on a bad key or value)."""
    config = ctx.config
    click.echo(f"configuration OK: {config.source}")


def _register_layers() -> None:
    from ari_triage.cli import media_cmds, nlu_cmds, service_cmds, store_cmds, tree_cmds

    for module in (tree_cmds, nlu_cmds, store_cmds, media_cmds, service_cmds):
        module.register(cli)


_register_layers()


def main() -> None:
    cli(prog_name="ari-triage")


if __name__ == "__main__":
    main()
