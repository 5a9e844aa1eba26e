"""The schema: edition.rng is generated from edition.rnc, and the customisation is a strict subset of TEI."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from lxml import etree

from edition.tei.schemagen import generate

SCHEMA = REPO / "schema"


def test_rng_is_generated_from_rnc() -> None:
    committed = (SCHEMA / "edition.rng").read_text(encoding="utf-8")
    assert generate(SCHEMA / "edition.rnc") == committed, "run `make schema` after editing schema/edition.rnc"


def test_schematron_rule_ids_are_documented() -> None:
    sch = etree.parse(str(SCHEMA / "edition.sch"))
    ids = sch.xpath("//s:assert/@role", namespaces={"s": "http://purl.oclc.org/dsdl/schematron"})
    docs = (REPO / "docs" / "validation.md").read_text(encoding="utf-8")
    assert len(ids) >= 10
    for rule in ids:
        assert f"`{rule}`" in docs, f"docs/validation.md does not explain {rule}"


@pytest.mark.parametrize("fixture", sorted((REPO / "tests" / "fixtures" / "transcripts").glob("*.txt")),
                         ids=lambda p: p.name)
def test_encoded_fixtures_are_valid_tei_all(fixture: Path, tei_all) -> None:
    from edition.anchors.assign import assign_anchors
    from edition.encode import encode_transcript

    tree = encode_transcript(fixture.read_text(encoding="utf-8"), fixture.name).tree
    assign_anchors(tree)
    assert tei_all.validate(tree), tei_all.error_log


def test_generated_synthetic_transcripts_are_valid_both_ways(tei_all) -> None:
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import transcript

    from edition.anchors.assign import assign_anchors
    from edition.encode import encode_transcript
    from edition.tei.validate import Validator

    validator = Validator()
    for seed in range(5):
        tree = encode_transcript(transcript(seed), f"synthetic-{seed}.txt").tree
        assign_anchors(tree)
        assert validator.validate(tree, "synthetic") == []
        assert tei_all.validate(tree), tei_all.error_log
