"""Every sentence a tree can say, as :class:`~ari_triage.tree.contract.Prompt` objects.

A prompt's ``key`` depends only on its text (and voice), so the audio cache built by
``ari-triage prompts build`` is reused as long as the text does not change.
"""

from __future__ import annotations

import hashlib

from ari_triage.tree.contract import Prompt
from ari_triage.tree.model import Tree


def prompt_key(text: str, voice: str = "fr") -> str:
    """Stable name for the audio of ``text`` spoken by ``voice`` (16 hex characters)."""
    return hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()[:16]


def make_prompt(text: str, audio: str | None = None, voice: str = "fr") -> Prompt:
    return Prompt(key=prompt_key(text, voice), text=text, audio=audio)


def all_prompts(tree: Tree) -> list[Prompt]:
    """Every prompt the tree can ever play (nodes, shared texts, emergency advice, announcements),
    each once, in a stable order."""
    found: dict[tuple[str, str | None], Prompt] = {}

    def add(prompt: Prompt | None) -> None:
        if prompt is not None:
            found.setdefault((prompt.key, prompt.audio), prompt)

    add(tree.emergency_advice)
    for prompt in tree.texts.values():
        add(prompt)
    for node in tree.nodes.values():
        for prompt in node.prompts():
            add(prompt)
    for announcement in tree.announcements:
        add(announcement.prompt)
    return list(found.values())
