"""``ari-triage`` commands of the media layer: prompt audio and the models check."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ari_triage.cli.main import EXIT_FAILED, CliContext, friendly_errors, pass_ctx
from ari_triage.config import Config
from ari_triage.errors import MissingResourceError


def build_prompt_audio(config: Config, prompts: Sequence, *, force: bool = False) -> bool:
    """Make the audio of ``prompts`` (any list of Prompt objects) and print a summary; True when all are OK."""
    from ari_triage.media.prompts import PromptLibrary

    library = PromptLibrary(config)
    report = library.ensure(prompts, force=force)
    click.echo(f"prompts: {len(report.synthesised)} synthesised, {len(report.recorded)} from recordings, "
               f"{len(report.cached)} already in the cache ({library.cache_dir})")
    for prompt, message in report.failed:
        # the text may be long; its key finds it in the tree
        click.echo(f"  FAILED {prompt.key}: {message}", err=True)
    if report.ok:
        click.echo(f"Asterisk plays them as sound:{config.prompts.asterisk_sound_prefix}/<key>; link "
                   f"{library.cache_dir} as /var/lib/asterisk/sounds/{config.prompts.asterisk_sound_prefix}")
    return report.ok


def _tree_prompts(config: Config, tree_file: str | None) -> list:
    path = Path(tree_file) if tree_file else config.tree_path
    if not path.is_file():
        raise MissingResourceError(f"tree file {path} does not exist",
                                   hint="set tree.dir/tree.active in the configuration, or pass --tree FILE")
    from ari_triage.tree.loader import load_tree
    from ari_triage.tree.prompts import all_prompts

    return all_prompts(load_tree(path, config))


def register(cli: click.Group) -> None:
    """Add this layer's commands to the top-level group."""

    @cli.group("prompts")
    def prompts_group() -> None:
        """Audio of the sentences the trees say (offline synthesis, recorded overrides)."""

    @prompts_group.command("build")
    @click.option("--tree", "tree_file", type=click.Path(dir_okay=False),
                  help="Tree file to take the prompts from (default: the active tree of the configuration).")
    @click.option("--force", is_flag=True, help="Make every file again, even those already in the cache.")
    @pass_ctx
    @friendly_errors
    def prompts_build(ctx: CliContext, tree_file: str | None, force: bool) -> None:
        """Synthesise every prompt of the tree into the cache directory Asterisk plays from."""
        config = ctx.config
        if not build_prompt_audio(config, _tree_prompts(config, tree_file), force=force):
            sys.exit(EXIT_FAILED)

    @prompts_group.command("say")
    @click.argument("text")
    @click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="WAV file to write.")
    @pass_ctx
    @friendly_errors
    def prompts_say(ctx: CliContext, text: str, output: str) -> None:
        """Preview a sentence with the configured voice (16 kHz WAV)."""
        from ari_triage.media.prompts import synthesize

        p = ctx.config.prompts
        click.echo(synthesize(text, voice=p.voice, speed_wpm=p.speed_wpm, out=Path(output)))

    @cli.group("models")
    def models_group() -> None:
        """The speech and intent models the service needs."""

    @models_group.command("check")
    @click.option("--load", is_flag=True, help="Also load the speech model and decode a second of silence (slow).")
    @pass_ctx
    @friendly_errors
    def models_check(ctx: CliContext, load: bool) -> None:
        """Say whether each model is present and usable, and how to get a missing one (exit 1 if any is not)."""
        from ari_triage.media.models_check import check_models

        statuses = check_models(ctx.config, load_speech=load)
        for status in statuses:
            mark = status.state.upper().ljust(7)
            click.echo(f"{mark} {status.name}: {status.path}\n        {status.detail}")
            if status.hint and not status.ok:
                click.echo(f"        how to fix: {status.hint}")
        if not all(status.ok for status in statuses):
            sys.exit(EXIT_FAILED)
