"""Anchors follow the text through edits: scripted scenarios on the seed and random edit sequences."""

from __future__ import annotations

from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.anchors.assign import assign_anchors
from edition.anchors.ledger import ALIAS, LIVE, REMOVED, Ledger
from edition.encode import encode_transcript
from edition.tei.xml import NSMAP, XML_ID, text_of

SOURCE = SEED.read_text(encoding="utf-8")


def build(text: str, ledger: Ledger | None = None) -> tuple[dict[str, str], Ledger]:
    """Encode, anchor; return {paragraph id: its text} and the new ledger."""
    tree = encode_transcript(text, "seed.txt").tree
    new = assign_anchors(tree, ledger or Ledger("seed"))
    paragraphs = {p.get(XML_ID): text_of(p) for p in tree.xpath("//tei:body//tei:p", namespaces=NSMAP)}
    return paragraphs, new


def release(ledger: Ledger, version: str) -> Ledger:
    from edition.anchors.releases import publish_anchors

    publish_anchors(ledger, version)
    return ledger


def paragraph_line(number: int) -> str:
    """The source line of the seed's paragraph number `number` (1-based, in the text's order)."""
    before, _, _ = SOURCE.partition("\n[Subsequent pages")
    lines = [line for line in before.split("\n") if line.strip()]
    body = lines[lines.index("9 February 1990") + 1:]
    return body[number - 1]


def edited(old_line: str, new_text: str) -> str:
    assert SOURCE.count(old_line) == 1
    return SOURCE.replace(old_line, new_text)


def test_unchanged_text_keeps_every_id() -> None:
    first, ledger = build(SOURCE)
    second, _ = build(SOURCE, release(ledger, "1.0"))
    assert first == second and len(first) == 35


def test_typo_fix_keeps_the_id() -> None:
    first, ledger = build(SOURCE)
    line = paragraph_line(3)
    second, _ = build(edited(line, line.replace("circumspection", "circumspektion")), release(ledger, "1.0"))
    assert second["p3"].endswith("on this or that concrete issue.") and "circumspektion" in second["p3"]
    assert set(second) == set(first)


def test_inserted_paragraph_gets_a_fresh_id_and_the_others_stay() -> None:
    first, ledger = build(SOURCE)
    line = paragraph_line(6)
    text = edited(line, line + "\n\n\nA paragraph the editor found in another copy.")
    second, _ = build(text, release(ledger, "1.0"))
    assert second["p36"] == "A paragraph the editor found in another copy."
    assert all(second[key] == text for key, text in first.items())


def test_removed_published_paragraph_leaves_a_tombstone() -> None:
    _, ledger = build(SOURCE)
    second, new = build(edited(paragraph_line(10) + "\n", ""), release(ledger, "1.0"))
    assert "p10" not in second
    assert new.anchors["p10"].status == REMOVED and new.anchors["p10"].target == "p9"


def test_removed_unpublished_paragraph_is_forgotten_but_its_id_never_reused() -> None:
    _, ledger = build(SOURCE)
    _, new = build(edited(paragraph_line(10) + "\n", ""), ledger)
    assert "p10" not in new.anchors
    third, _ = build(SOURCE, new)
    assert "p10" not in third and third["p36"].startswith("The problem of air-based cruise missiles")


def test_split_paragraph_keeps_its_id_on_the_larger_part() -> None:
    _, ledger = build(SOURCE)
    line = paragraph_line(7)
    cut = line.index("But I think that the main criterion")
    second, new = build(edited(line, line[:cut] + "\n\n" + line[cut:]), release(ledger, "1.0"))
    assert second["p7"].startswith("Now on concrete issues.")
    assert second["p7"].endswith("verification coincide.")
    assert second["p36"].startswith("But I think that the main criterion")
    assert new.anchors["p36"].split_from == "p7"


def test_merged_paragraphs_leave_an_alias() -> None:
    _, ledger = build(SOURCE)
    thirteen, fourteen = paragraph_line(13), paragraph_line(14)
    text = SOURCE.replace(thirteen + "\n\n\n" + fourteen, thirteen + " " + fourteen)
    assert text != SOURCE
    second, new = build(text, release(ledger, "1.0"))
    assert "p14" not in second and second["p13"].endswith("proposing a resolution on an equal basis.")
    assert (new.anchors["p14"].status, new.anchors["p14"].target) == (ALIAS, "p13")


def test_moved_paragraph_keeps_its_id() -> None:
    first, ledger = build(SOURCE)
    line = paragraph_line(6)
    text = SOURCE.replace(line + "\n", "")
    text = text.replace(paragraph_line(26), paragraph_line(26) + "\n\n\n" + line)
    second, _ = build(text, release(ledger, "1.0"))
    assert second["p6"] == first["p6"]
    assert all(second[key] == value for key, value in first.items())


# -- random sequences of edits and releases ----------------------------------------------------

EDITS = st.lists(st.tuples(st.sampled_from(["typo", "insert", "delete", "split", "merge", "move", "release"]),
                           st.integers(0, 10_000)), min_size=1, max_size=8)


def apply(edit: str, seed: int, paragraphs: list[str]) -> list[str]:
    index = seed % len(paragraphs)
    out = list(paragraphs)
    words = out[index].split()
    if edit == "typo" and len(words) > 5:
        position = seed % len(words)
        words[position] = words[position][::-1] + "x"
        out[index] = " ".join(words)
    elif edit == "insert":
        out.insert(index, f"New paragraph number {seed} about verification of cruise missiles.")
    elif edit == "delete" and len(out) > 3:
        del out[index]
    elif edit == "split" and len(words) > 10:
        out[index:index + 1] = [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2:])]
    elif edit == "merge" and index + 1 < len(out):
        out[index:index + 2] = [out[index] + " " + out[index + 1]]
    elif edit == "move" and len(out) > 2:
        out.insert((seed // 7) % len(out), out.pop(index))
    return out


def transcript(paragraphs: list[str]) -> str:
    return "Record of conversation\n\n9 February 1990\n\nJ. BAKER. " + "\n\n".join(paragraphs) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_random_edits_keep_published_anchors_and_unchanged_ids(edits) -> None:
    paragraphs = [text for text in build(SOURCE)[0].values()][:12]
    current, ledger = build(transcript(paragraphs))
    versions = 0
    for edit, seed in edits:
        if edit == "release":
            versions += 1
            release(ledger, f"{versions}.0")
            continue
        before_texts = dict(current)
        paragraphs = apply(edit, seed, [current[key] for key in current])
        current, ledger = build(transcript(paragraphs), ledger)
        if edit == "typo":  # a small edit (one word of a paragraph) keeps every id in place
            assert list(current) == list(before_texts)
        by_text = {text: key for key, text in before_texts.items()}
        for key, text in current.items():
            old = by_text.get(text)
            unique = list(before_texts.values()).count(text) == 1 and list(current.values()).count(text) == 1
            if old is not None and unique:
                assert key == old, f"{edit}: unchanged paragraph {old} became {key}"
        for key, entry in ledger.anchors.items():
            if entry.published and entry.kind == "p":
                assert entry.status in (LIVE, ALIAS, REMOVED)
                if entry.status == LIVE:
                    assert key in current, key
                else:
                    assert not entry.target or entry.target in current or ledger.anchors[entry.target].status != LIVE


# -- TEI sources: ids added in place -----------------------------------------------------------

def test_ids_write_adds_missing_ids_and_changes_nothing_else(tmp_path) -> None:
    import re
    import subprocess
    import sys

    original = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <p> inside -->\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader>\n'
        '<text><body><div type="a">\n  <p xml:id="keep">Kept <hi rend="i">as is</hi>.</p>\n'
        '  <p\n     rend="x">Second.</p><![CDATA[ <p> not a tag ]]>\n'
        '  <sp who="#a"><speaker>A</speaker><p>Said.</p></sp>\n'
        '</div></body></text></TEI>\n')
    path = tmp_path / "doc.xml"
    path.write_text(original, encoding="utf-8")
    dry = subprocess.run([sys.executable, "-m", "edition", "ids", str(path)], capture_output=True, text=True)
    # The div, the second paragraph, the speech and its paragraph; the header is not citable.
    assert "would add 4 xml:ids (div1, p1, sp1, p2)" in dry.stdout and path.read_text(encoding="utf-8") == original
    done = subprocess.run([sys.executable, "-m", "edition", "ids", "--write", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = path.read_text(encoding="utf-8")
    inserted = re.findall(r' xml:id="(?:div|p|sp)\d+"', written)
    assert len(inserted) == 4
    assert re.sub(r' xml:id="(?:div|p|sp)\d+"', "", written) == original  # every other byte unchanged
    assert '<p xml:id="p1"\n     rend="x">Second.</p>' in written and 'xml:id="keep"' in written
