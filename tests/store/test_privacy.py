"""Masking numbers in logs, pseudonyms."""

from __future__ import annotations

import logging

import pytest

from ari_triage.store.privacy import RedactingFilter, mask_number, normalise_number, pseudonym, redact


@pytest.mark.parametrize(("number", "masked"), [
    ("0612345678", "06******78"), ("+33612345678", "+3********78"), ("06 12 34 56 78", "06******78"),
    ("15", "15"), ("112", "112"), (None, "<hidden>"), ("", "<hidden>"), ("12345", "1***5"),
])
def test_mask_number(number, masked):
    assert mask_number(number) == masked


def test_redact_masks_numbers_but_keeps_asterisk_ids():
    text = "call abc channel 1795896367.12 from 0612345678 (+33 6 12 34 56 78, 06.12.34.56.78) seq 3 queue 15"
    cleaned = redact(text)
    assert "1795896367.12" in cleaned and "seq 3" in cleaned and "queue 15" in cleaned
    assert "0612345678" not in cleaned and "12 34 56" not in cleaned and "12.34.56" not in cleaned


def test_pseudonym_is_keyed_and_normalised():
    key = b"k" * 32
    assert pseudonym("0612345678", key) == pseudonym("+33 6 12 34 56 78", key)
    assert pseudonym("0612345678", key) != pseudonym("0612345678", b"x" * 32)
    assert normalise_number("+33612345678") == "0612345678"


def test_redacting_filter_on_a_handler(caplog):
    logger = logging.getLogger("ari_triage.test.privacy")
    caplog.handler.addFilter(RedactingFilter())
    logger.warning("caller %s hung up", "0612345678")
    assert "06******78" in caplog.text and "0612345678" not in caplog.text
