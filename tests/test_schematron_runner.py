"""edition's Schematron runner reports exactly what lxml.isoschematron (the reference
ISO skeleton on libxslt) reports, rule by rule and node by node."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SEED
from lxml import etree, isoschematron

from edition.anchors.assign import assign_anchors
from edition.encode import encode_transcript
from edition.tei.schematron import Schematron

SCHEMA = REPO / "schema" / "edition.sch"
INVALID = REPO / "tests" / "fixtures" / "invalid"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def reference(phase: str):
    compiled = isoschematron.Schematron(etree.parse(str(SCHEMA)), phase=phase, store_xslt=True)
    xslt = compiled.validator_xslt
    for variable in xslt.getroot().findall(f"{XSL}variable[@name='register']"):
        variable.tag = f"{XSL}param"  # the register is a parameter, as edition passes it
    return etree.XSLT(xslt)


def reference_failures(transform, tree, register: str) -> set[tuple[str, etree._Element]]:
    report = transform(tree, register=etree.XSLT.strparam(register))
    return {(f.get("role"), tree.xpath(f.get("location"))[0]) for f in report.getroot().iter(f"{SVRL}failed-assert")}


def documents() -> list[tuple[str, etree._ElementTree]]:
    seed = encode_transcript(SEED.read_text(encoding="utf-8"), SEED.name).tree
    assign_anchors(seed)
    found = [(SEED.name, seed)]
    for path in sorted(INVALID.glob("*.xml")):
        try:
            found.append((path.name, etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))))
        except etree.XMLSyntaxError:
            continue
    return found


@pytest.mark.parametrize("phase", ["edition", "site"])
@pytest.mark.parametrize("register", [" ", " gorbachov LordSmith "])
def test_runner_matches_reference_on_fixtures(phase: str, register: str) -> None:
    ours, theirs = Schematron(SCHEMA, phase), reference(phase)
    fired = 0
    for name, tree in documents():
        mine = {(f.role, f.node) for f in ours.validate(tree, register=register)}
        assert mine == reference_failures(theirs, tree, register), name
        fired += len(mine)
    assert fired >= 10  # the fixtures do make rules fire


def test_runner_matches_reference_on_real_corpora(shared: Path) -> None:
    corpora = shared / "corpora"
    paths = [*sorted((corpora / "frus").glob("*.xml")), *sorted((corpora / "parlamint").glob("*.xml")),
             *sorted((corpora / "shakedracor" / "tei").glob("*.xml"))[:3]]
    for phase in ("edition", "site"):
        ours, theirs = Schematron(SCHEMA, phase), reference(phase)
        for path in paths:
            tree = etree.parse(str(path))
            mine = {(f.role, f.node) for f in ours.validate(tree, register=" ")}
            assert mine == reference_failures(theirs, tree, " "), (phase, path.name)
