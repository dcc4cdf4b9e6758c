"""``ari-triage`` commands of the media layer."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Add this layer's commands to the top-level group."""
