"""``ari-triage`` commands of the nlu layer: ``train``, ``eval``, ``classify``.

scikit-learn is imported only by ``train`` and ``eval``; ``classify`` needs numpy and the shipped model.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from ari_triage.cli.main import CliContext, friendly_errors, pass_ctx

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT / "models" / "corpus"


def register(cli: click.Group) -> None:
    """Add this layer's commands to the top-level group."""
    cli.add_command(train_cmd)
    cli.add_command(eval_cmd)
    cli.add_command(classify_cmd)


_corpus_option = click.option(
    "--corpus", "corpus_paths", multiple=True, type=click.Path(path_type=Path),
    help=f"Training corpus: TSV files or directories of *.tsv (default: {DEFAULT_CORPUS}). Repeatable.")


@click.command("train")
@_corpus_option
@click.option("--no-eval", is_flag=True, help="Skip the held-out and cross-validation evaluation (faster).")
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds for the recorded scores.")
@pass_ctx
@friendly_errors
def train_cmd(ctx: CliContext, corpus_paths: tuple[Path, ...], no_eval: bool, folds: int) -> None:
    """Train the intent/urgency model and write it to nlu.model_dir (with its metadata and scores)."""
    from ari_triage.nlu import training
    from ari_triage.nlu.corpus import load_corpus
    from ari_triage.nlu.model import save_artifact

    config = ctx.config
    examples = load_corpus(corpus_paths or (DEFAULT_CORPUS,))
    click.echo(f"corpus: {len(examples)} examples", err=True)
    started = time.monotonic()
    scores: dict[str, Any] = {}
    if not no_eval:
        click.echo("evaluating (held-out split and cross-validation, clean and noisy)...", err=True)
        scores = training.summary(training.evaluate(examples, threshold=config.nlu.confidence_threshold,
                                                    folds=folds))
    click.echo("training on all examples...", err=True)
    trained = training.train(examples, threshold=config.nlu.confidence_threshold, evaluation=scores)
    save_artifact(config.nlu.model_dir, trained.arrays, trained.metadata)
    click.echo(f"model written to {config.nlu.model_dir} ({trained.metadata['training']['features']} features, "
               f"{time.monotonic() - started:.0f} s)")
    for name, figures in scores.items():
        click.echo(f"  {name:28} intent macro-F1 {figures['intent_macro_f1']:.3f}  vitale recall "
                   f"{_pct(figures['vitale_recall'])}  urgente+vitale recall {_pct(figures['urgent_recall'])}")


@click.command("eval")
@_corpus_option
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds.")
@click.option("--json", "as_json", is_flag=True, help="Print the full results as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list the utterances misclassified.")
@click.option("--check", "check_paths", multiple=True, type=click.Path(path_type=Path),
              help="Instead, score the INSTALLED model (nlu.model_dir) on this independent TSV set (or directory). "
                   "Repeatable.")
@pass_ctx
@friendly_errors
def eval_cmd(ctx: CliContext, corpus_paths: tuple[Path, ...], folds: int, as_json: bool, show_errors: bool,
             check_paths: tuple[Path, ...]) -> None:
    """Measure the classifier (model + red-flag rules) on data it was not trained on.

    A stratified held-out split (20%) and k-fold cross-validation, each on clean text and on the same text
    with simulated recognition errors. Prints per-class precision/recall/F1, confusion matrices,
    vitale recall and urgente+vitale recall."""
    from ari_triage.nlu import training
    from ari_triage.nlu.corpus import load_corpus

    if check_paths:
        _eval_installed(ctx, check_paths, as_json, show_errors)
        return
    examples = load_corpus(corpus_paths or (DEFAULT_CORPUS,))
    scores = training.evaluate(examples, threshold=ctx.config.nlu.confidence_threshold, folds=folds,
                               collect_errors=show_errors)
    if as_json:
        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
        return
    click.echo(f"corpus: {len(examples)} examples; held-out {scores['test_size']:.0%}, "
               f"{scores['cross_validation']['folds']}-fold cross-validation; noisy = realistic recognition errors, "
               "noisy_harsh = also misspelt, glued and cut words")
    for split, title in (("held_out", "HELD-OUT"), ("cross_validation", "CROSS-VALIDATION")):
        for variant in NOISE_VARIANTS:
            if variant in scores[split]:
                _print_metrics(f"{title} / {variant}", scores[split][variant])
    if show_errors:
        click.echo("\nmisclassified (held-out):")
        for err in scores.get("errors", []):
            click.echo(f"  [{err['intent']}/{err['urgency']} -> {err['predicted_intent']}/{err['predicted_urgency']}]"
                       f" {err['text']}")


def _eval_installed(ctx: CliContext, check_paths: tuple[Path, ...], as_json: bool, show_errors: bool) -> None:
    from ari_triage.nlu import training
    from ari_triage.nlu.corpus import load_corpus
    from ari_triage.nlu.model import load_classifier

    config = ctx.config
    classifier = load_classifier(config.nlu.model_dir, config.nlu.confidence_threshold)
    examples = load_corpus(check_paths)
    scores = training.score_examples(classifier, examples)
    if as_json:
        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
        return
    click.echo(f"installed model {config.nlu.model_dir} on {len(examples)} independent examples")
    for variant in NOISE_VARIANTS:
        if variant in scores:
            _print_metrics(f"CHECK SET / {variant}", scores[variant])
    if show_errors:
        click.echo("\nmisclassified (clean):")
        for err in scores["errors"]:
            click.echo(f"  [{err['intent']}/{err['urgency']} -> {err['predicted_intent']}/{err['predicted_urgency']}]"
                       f" {err['text']}")


NOISE_VARIANTS = ("clean", "noisy", "noisy_harsh")


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _print_metrics(title: str, m: dict[str, Any]) -> None:
    click.echo(f"\n=== {title} (n={m['n']}) ===")
    click.echo(f"intent macro-F1 {m['intent_macro_f1']:.3f}   accuracy {m['intent_accuracy']:.3f}   "
               f"vitale recall {_pct(m['vitale_recall'])} ({m['missed_vitale']} missed, "
               f"{m['missed_vitale_sure']} of them not even unsure)   "
               f"urgente+vitale recall {_pct(m['urgent_recall'])}   "
               f"vitale false alarms {_pct(m['vitale_false_alarm_rate'])} of normale")
    if m.get("unsure_rate") is not None:
        click.echo(f"unsure (tree asks again / hands over): {_pct(m['unsure_rate'])}; intent accuracy when sure: "
                   f"{_pct(m['sure_intent_accuracy'])}")
    click.echo(f"{'intent':18} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}")
    for label, row in m["per_intent"].items():
        click.echo(f"{label:18} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f} {row['support']:5d}")
    click.echo(f"{'urgency':18} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}")
    for label, row in m["per_urgency"].items():
        click.echo(f"{label:18} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f} {row['support']:5d}")
    for key in ("intent_confusion", "urgency_confusion"):
        labels = m[key]["labels"]
        short = [lab[:6] for lab in labels]
        click.echo(f"{key.replace('_', ' ')} (rows: true, columns: predicted)")
        click.echo(" " * 17 + " ".join(f"{s:>6}" for s in short))
        for label, row in zip(labels, m[key]["matrix"], strict=True):
            if any(row):
                click.echo(f"{label:16} " + " ".join(f"{v:6d}" for v in row))


@click.command("classify")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per utterance.")
@pass_ctx
@friendly_errors
def classify_cmd(ctx: CliContext, text: str, as_json: bool) -> None:
    """Classify TEXT (what a caller said); TEXT '-' reads one utterance per line from standard input.

    Prints intent, urgency, confidence, unsure and the reasons (red-flag phrases, model features)."""
    from ari_triage.nlu.model import load_classifier

    config = ctx.config
    classifier = load_classifier(config.nlu.model_dir, config.nlu.confidence_threshold)
    lines = (line.rstrip("\r\n") for line in sys.stdin) if text == "-" else iter([text])
    for line in lines:
        result = classifier.classify(line)
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            flag = " (unsure)" if result.unsure else ""
            click.echo(f"intent: {result.intent.value}{flag}  confidence: {result.confidence:.2f}  "
                       f"urgency: {result.urgency.value}")
            for reason in result.reasons:
                click.echo(f"  - {reason}")
