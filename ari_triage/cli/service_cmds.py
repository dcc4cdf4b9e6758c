"""``ari-triage`` commands of the service layer: ``run`` (the service hospital IT installs) and ``demo``
(the real service against the built-in fake Asterisk, with synthetic calls)."""

from __future__ import annotations

import logging
import sys

import click

from ari_triage.cli.main import CliContext, friendly_errors, pass_ctx


def setup_logging(level: str, file: object | None = None) -> None:
    from ari_triage.store.privacy import RedactingFilter

    handler: logging.Handler = logging.FileHandler(str(file)) if file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # Safety net: the code masks numbers itself; this catches any phone-number-like digits that slip through.
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "websockets"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@click.command("run")
@pass_ctx
@friendly_errors
def run_cmd(ctx: CliContext) -> None:
    """Run the triage service: register the Stasis application and answer calls until SIGTERM.

    On SIGTERM/SIGINT it stops taking calls, hands the callers it holds to the default queue and exits.
    """
    import asyncio

    from ari_triage.calls.service import Service, install_signal_handlers

    config = ctx.config
    setup_logging(config.logging.level, config.logging.file)

    async def main() -> None:
        service = Service(config)
        install_signal_handlers(service)
        await service.run()

    asyncio.run(main())


@click.command("demo")
@click.option("--calls", "only", multiple=True, help="Run only these demo calls (by name); default: all.")
@pass_ctx
@friendly_errors
def demo_cmd(ctx: CliContext, only: tuple[str, ...]) -> None:
    """See it work without a PBX: the real service against the built-in fake Asterisk, with a few
    synthetic calls (spoken with espeak-ng, keys, silence); prints what each caller said, what was
    understood and where the call went."""
    from ari_triage.calls.demo import run_demo

    sys.exit(run_demo(ctx.config, only=only))


@click.group("ari")
def ari_group() -> None:
    """Asterisk's ARI interface."""


@ari_group.command("check")
@pass_ctx
@friendly_errors
def ari_check_cmd(ctx: CliContext) -> None:
    """Check that ari-triage can reach Asterisk's ARI (REST and events) with this configuration;
    says in plain words what to fix. Exit 1 when something is wrong. Safe while the service runs."""
    import asyncio

    from ari_triage.ari.health import check_ari

    health = asyncio.run(check_ari(ctx.config.ari, timeout_s=ctx.config.ari.request_timeout_s))
    if health.ok:
        click.echo(f"ARI OK at {ctx.config.ari.url}: Asterisk {health.asterisk_version or '(version unknown)'}, "
                   f"{health.calls_in_app} call(s) now in the '{ctx.config.ari.app}' application")
        return
    for problem in health.problems:
        click.echo(f"ARI problem: {problem}", err=True)
    sys.exit(1)


def register(cli: click.Group) -> None:
    """Add this layer's commands to the top-level group."""
    cli.add_command(run_cmd)
    cli.add_command(demo_cmd)
    cli.add_command(ari_group)
