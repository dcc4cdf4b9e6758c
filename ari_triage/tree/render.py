"""Drawing a tree for admins: Mermaid text (GitHub, GitLab and many editors show it as a diagram) or
Graphviz DOT (turned into SVG by the ``dot`` program when it is installed)."""

from __future__ import annotations

import re

from ari_triage.tree.model import (
    AskNode,
    BranchNode,
    CallbackNode,
    HangupNode,
    HookNode,
    InfoNode,
    Node,
    RouteNode,
    TransferNode,
    Tree,
)

_MAX_LABEL = 60


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def node_label(node: Node) -> str:
    """One or two lines saying what the node does."""
    if isinstance(node, RouteNode):
        detail = f"queue {node.queue}, priority {node.priority}"
    elif isinstance(node, TransferNode):
        detail = f"transfer to {node.number}"
    elif isinstance(node, HookNode):
        detail = f"hook {node.name}"
    elif isinstance(node, BranchNode):
        detail = f"branch on {node.on}"
    elif isinstance(node, CallbackNode):
        detail = f"callback offer ({node.queue}): {_short(node.prompt.text)}"
    elif isinstance(node, HangupNode):
        detail = "hang up" + (f": {_short(node.prompt.text)}" if node.prompt else "")
    elif isinstance(node, InfoNode):
        detail = f"info: {_short(node.prompt.text)}"
    elif isinstance(node, AskNode):
        detail = f"ask: {_short(node.prompt.text)}"
    else:
        prompts = node.prompts()
        detail = f"say: {_short(prompts[0].text)}" if prompts else node.kind
    return f"{node.id}\n{detail}"


def _edge_label(label: str) -> str:
    return {"next": "", "otherwise": "otherwise", "no_input": "no answer", "unsure": "unclear",
            "declined": "no"}.get(label, label)


def _mermaid_id(node_id: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node_id)


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(tree: Tree) -> str:
    shapes = {"ask": ('{{"', '"}}'), "branch": ('{"', '"}'), "route": ('(["', '"])'), "transfer": ('(["', '"])'),
              "hangup": ('(("', '"))'), "info": ('[/"', '"/]'), "callback": ('[/"', '"/]'), "hook": ('[["', '"]]')}
    lines = ["flowchart TD", f"  %% {tree.name} ({tree.file})"]
    lines.append(f'  start(("call")) --> {_mermaid_id(tree.start)}')
    for node in tree.nodes.values():
        left, right = shapes.get(node.kind, ('["', '"]'))
        lines.append(f"  {_mermaid_id(node.id)}{left}{_mermaid_text(node_label(node))}{right}")
    for node in tree.nodes.values():
        for edge in node.edges():
            label = _edge_label(edge.label)
            arrow = f' -->|"{_mermaid_text(label)}"| ' if label else " --> "
            lines.append(f"  {_mermaid_id(node.id)}{arrow}{_mermaid_id(edge.target)}")
    lines.append(f'  person(["key 0 / parler à quelqu\'un, at every question → {tree.person_queue}"])')
    lines.append(f'  vitale(["vitale at any question → advice + {tree.emergency_queue}, priority '
                 f'{tree.max_priority}"])')
    lines.append("  classDef safety fill:#fde2e2,stroke:#c00")
    lines.append("  class person,vitale safety")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def to_dot(tree: Tree) -> str:
    shapes = {"ask": "hexagon", "branch": "diamond", "route": "box", "transfer": "box", "hangup": "oval",
              "info": "parallelogram", "callback": "parallelogram", "hook": "component", "say": "note"}
    lines = [f'digraph "{_dot_text(tree.name)}" {{', "  rankdir=TB;", '  node [fontname="Helvetica", fontsize=10];',
             '  start [shape=circle, label="call"];', f'  start -> "{_dot_text(tree.start)}";']
    for node in tree.nodes.values():
        style = ', style=filled, fillcolor="#e2f0fd"' if node.kind in ("route", "transfer") else ""
        lines.append(f'  "{_dot_text(node.id)}" [shape={shapes.get(node.kind, "box")}, '
                     f'label="{_dot_text(node_label(node))}"{style}];')
    for node in tree.nodes.values():
        for edge in node.edges():
            label = _edge_label(edge.label)
            attrs = f' [label="{_dot_text(label)}"]' if label else ""
            lines.append(f'  "{_dot_text(node.id)}" -> "{_dot_text(edge.target)}"{attrs};')
    lines.append(f'  safety [shape=note, style=filled, fillcolor="#fde2e2", label="At every question: key 0 or '
                 f"'parler à quelqu\\'un' → {tree.person_queue}\\nvitale → emergency advice + "
                 f'{tree.emergency_queue} (priority {tree.max_priority})"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
