"""The anchor promise on every path, as a property: over random sequences of small edits, rewrites,
inserted and deleted paragraphs, `ids --write`, releases and renames, every anchor a release
published resolves in the built site to its own words, or to a tombstone or alias — never to
other words. Plus the paths the promise needs: the lock, an all-or-nothing release, a bad
SOURCE_DATE_EPOCH, a ledger deleted after a release.

Each paragraph of the test edition starts with a tag naming it (`k7`) that edits never touch:
the tag is how the test knows which paragraph a published anchor was given to.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import threading
import time
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.build.stages import build
from edition.commands.ids import give_ids
from edition.commands.release import make_release
from edition.core.diagnostics import EditionError, Severity
from edition.core.folder import EditionFolder
from edition.core.lock import LOCK_FILE, edition_lock

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HEADER = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Talk</title>'
          "</titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc>"
          "</fileDesc></teiHeader>\n<text><body>\n")
TAG = re.compile(r"k[0-9]+")
VOCABULARY = ("treaty missile border army trust summit verify reduce stable ocean winter grain "
              "bridge letter council harbour mountain engine garden silver thunder candle market").split()


def tag_of(element) -> str:
    """The tag of the paragraph an HTML element shows (its paragraph number link aside)."""
    return next((word for word in element.text_content().split() if TAG.fullmatch(word)), "")


def words(rng: random.Random, tag: str) -> str:
    return " ".join([tag, *rng.sample(VOCABULARY, 9)])


class Scenario:
    """One edition in a temporary folder, the released anchors seen so far, and the steps on it."""

    def __init__(self, root: Path):
        self.root, self.site = root / "edition", root / "site"
        (self.root / "sources").mkdir(parents=True)
        self.moved: dict[str, str] = {}
        self.doc = "talk"
        self.tags = 0
        self.releases = 0
        self.released: dict[tuple[str, str], str] = {}  # (document, anchor) → tag of its paragraph
        self.write_config()
        rng = random.Random(0)
        self.write([(None, words(rng, self.tag())) for _ in range(4)])

    def tag(self) -> str:
        self.tags += 1
        return f"k{self.tags}"

    @property
    def source(self) -> Path:
        return self.root / "sources" / f"{self.doc}.xml"

    def write_config(self) -> None:
        moved = "".join(f'"{old}" = "{new}"\n' for old, new in self.moved.items())
        config = 'title = "Promise"\nbase_url = "https://example.org/promise/"\n'
        (self.root / "edition.toml").write_text(config + ("[moved]\n" + moved if moved else ""), encoding="utf-8")

    def read(self) -> list[tuple[str | None, str]]:
        tree = etree.parse(str(self.source))
        return [(p.get(XML_ID), p.text) for p in tree.iter(f"{{{TEI}}}p") if p.getparent().tag == f"{{{TEI}}}body"]

    def write(self, paragraphs: list[tuple[str | None, str]]) -> None:
        body = "".join(f'<p xml:id="{key}">{text}</p>\n' if key else f"<p>{text}</p>\n" for key, text in paragraphs)
        self.source.write_text(HEADER + body + "</body></text></TEI>\n", encoding="utf-8")

    # -- the steps ----------------------------------------------------------------------------------

    def step(self, operation: str, seed: int) -> None:
        rng = random.Random(seed)
        paragraphs = self.read()
        if operation == "release":
            self.release()
            return
        if operation == "ids":
            self.attempt(lambda: give_ids(self.source, write=True))
            return
        if operation == "rename":
            self.rename()
            return
        where = rng.randrange(len(paragraphs))
        key, text = paragraphs[where]
        if operation == "edit":  # one word of nine, never the tag
            tokens = text.split()
            tokens[rng.randrange(1, len(tokens))] = rng.choice(VOCABULARY) + "s"
            paragraphs[where] = (key, " ".join(tokens))
        elif operation == "rewrite":  # other words under the same element (and id, if it has one)
            paragraphs[where] = (key, words(rng, self.tag()))
        elif operation == "insert":
            paragraphs.insert(where, (None, words(rng, self.tag())))
        elif operation == "delete" and len(paragraphs) > 1:
            del paragraphs[where]
        before = self.source.read_bytes()
        self.write(paragraphs)
        if not self.attempt(self.build):
            self.source.write_bytes(before)  # an edit the edition refused: the editor takes it back

    def attempt(self, action) -> bool:
        """Run a step; a refusal must be the promise's own error, never a crash or another error."""
        try:
            action()
            return True
        except EditionError as failure:
            codes = {d.code for d in failure.diagnostics if d.severity is Severity.ERROR}
            assert codes == {"anchor-moved"}, [d.format() for d in failure.diagnostics]
            return False

    def build(self) -> None:
        try:
            build(self.root, self.site, search=False, jobs=1)
        except EditionError as failure:
            if {d.code for d in failure.diagnostics if d.severity is Severity.ERROR} != {"ledger-not-moved"}:
                raise
            for old, new in self.moved.items():  # what the hint says: carry the ledger over
                if not (self.root / "anchors" / f"{new}.json").exists():
                    shutil.copy(self.root / "anchors" / f"{old}.json", self.root / "anchors" / f"{new}.json")
            build(self.root, self.site, search=False, jobs=1)
        self.check()

    def release(self) -> None:
        self.releases += 1
        if not self.attempt(lambda: make_release(self.root, f"{self.releases}.0")):
            self.releases -= 1
            return
        self.build()
        ledger = json.loads((self.root / "anchors" / f"{self.doc}.json").read_text(encoding="utf-8"))
        page = lxml.html.parse(str(self.site / "documents" / f"{self.doc}.html")).getroot()
        for key, entry in ledger["anchors"].items():
            if entry.get("published") and entry["status"] == "live":
                tag = tag_of(page.get_element_by_id(key))
                assert self.released.setdefault((self.doc, key), tag) == tag, (key, tag)

    def rename(self) -> None:
        old = self.doc
        self.doc = f"talk{len(self.moved) + 1}"
        self.source.parent.joinpath(f"{old}.xml").rename(self.source)
        self.moved = {gone: self.doc if new == old else new for gone, new in self.moved.items()} | {old: self.doc}
        self.write_config()
        self.build()

    # -- the promise --------------------------------------------------------------------------------

    def check(self) -> None:
        for (doc, key), tag in self.released.items():
            page = lxml.html.parse(str(self.site / "documents" / f"{doc}.html")).getroot()
            if doc in self.moved:  # the old address lists the anchor, linking on to the new page
                target = page.xpath("//li[@id=$id]/a/@href", id=key)
                assert target == [f"{self.moved[doc]}.html#{key}"], (doc, key, target)
                page = lxml.html.parse(str(self.site / "documents" / f"{self.moved[doc]}.html")).getroot()
            found = page.xpath("//*[@id=$id]", id=key)
            assert found, f"{doc}#{key} (released on {tag}) is not on the page"
            element = found[0]
            if element.get("class") in ("tombstone", "alias"):
                continue
            now = tag_of(element)
            assert now == tag, f"{doc}#{key} was released on paragraph {tag}, now lands on {now}"


OPERATIONS = ["edit", "edit", "rewrite", "insert", "delete", "ids", "release", "rename"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 2**32)), min_size=1, max_size=7))
def test_every_released_anchor_keeps_its_words(tmp_path_factory: pytest.TempPathFactory,
                                               steps: list[tuple[str, int]]) -> None:
    scenario = Scenario(tmp_path_factory.mktemp("promise"))
    scenario.build()
    scenario.release()
    for operation, seed in steps:
        scenario.step(operation, seed)
    scenario.release()
    scenario.check()


def test_ids_write_after_an_insert_keeps_released_ids_on_their_words(tmp_path: Path) -> None:
    """The case the issue found: ids --write numbered in document order, without the ledger."""
    scenario = Scenario(tmp_path)
    scenario.build()
    scenario.release()
    paragraphs = scenario.read()
    scenario.write([(None, "k99 a paragraph inserted at the top"), *paragraphs])
    assert give_ids(scenario.source, write=True) == ["p5", "p1", "p2", "p3", "p4"]
    assert [text.split()[0] for _, text in scenario.read()] == ["k99", "k1", "k2", "k3", "k4"]
    scenario.build()


def test_a_published_id_on_other_words_is_an_error_naming_both(tmp_path: Path) -> None:
    scenario = Scenario(tmp_path)
    scenario.build()
    scenario.release()
    give_ids(scenario.source, write=True)
    paragraphs = scenario.read()
    released = paragraphs[1][1]
    paragraphs[1] = ("p2", "k50 entirely other words now stand here")
    scenario.write(paragraphs)
    with pytest.raises(EditionError) as failure:
        build(scenario.root, scenario.site, search=False, jobs=1)
    [problem] = failure.value.diagnostics
    assert (problem.file, problem.line, problem.code) == (str(scenario.source), 4, "anchor-moved")
    assert problem.message == (f"'p2' was published in release 1.0 on the words “{released}”, "
                               "but this source now gives it to “k50 entirely other words now stand here”")
    with pytest.raises(EditionError):  # ids --write refuses too, and writes nothing
        give_ids(scenario.source, write=True)


def test_words_that_drift_edit_by_edit_get_a_new_id_and_the_old_one_a_tombstone(tmp_path: Path) -> None:
    scenario = Scenario(tmp_path)
    scenario.build()
    scenario.release()
    rng = random.Random(1)
    for _ in range(6):  # each edit alone keeps the id; together they change most of the paragraph
        paragraphs = scenario.read()
        tokens = paragraphs[0][1].split()
        tokens[rng.randrange(1, len(tokens))] = rng.choice(["alpha", "beta", "gamma", "delta"]) + "x"
        paragraphs[0] = (None, " ".join(tokens))
        scenario.write(paragraphs)
        scenario.build()
    page = lxml.html.parse(str(scenario.site / "documents" / "talk.html")).getroot()
    stone = page.get_element_by_id("p1")
    assert stone.get("class") == "tombstone"
    assert stone.getprevious().get("id") == "p5" and tag_of(stone.getprevious()) == "k1"


def test_a_ledger_deleted_after_a_release_is_an_error_with_the_fix(tmp_path: Path) -> None:
    scenario = Scenario(tmp_path)
    scenario.build()
    scenario.release()
    (scenario.root / "anchors" / "talk.json").unlink()
    with pytest.raises(EditionError) as failure:
        build(scenario.root, scenario.site, search=False, jobs=1)
    [problem] = failure.value.diagnostics
    assert problem.code == "ledger-missing"
    assert problem.hint == "restore it from version control, e.g. git checkout -- anchors/talk.json"
    with pytest.raises(EditionError):
        make_release(scenario.root, "2.0")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".edition-cache" not in p.parts and p.name != LOCK_FILE}


def test_a_bad_source_date_epoch_stops_the_release_before_it_writes(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = Scenario(tmp_path)
    scenario.build()
    before = snapshot(scenario.root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    with pytest.raises(EditionError) as failure:
        make_release(scenario.root, "1.0")
    assert [d.code for d in failure.value.diagnostics] == ["source-date-epoch"]
    assert snapshot(scenario.root) == before


def test_a_release_that_fails_while_writing_leaves_everything_as_it_was(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = Scenario(tmp_path)
    (scenario.root / "sources" / "other.xml").write_bytes(scenario.source.read_bytes())
    scenario.build()
    scenario.release()
    scenario.write([*scenario.read(), (None, "k77 one more paragraph for the next release")])
    other = scenario.source.read_bytes()
    scenario.write([*scenario.read(), (None, "k78 and one more")])
    (scenario.root / "sources" / "other.xml").write_bytes(scenario.source.read_bytes())
    scenario.source.write_bytes(other)
    scenario.build()
    before = snapshot(scenario.root)
    renames = []

    def failing_replace(source, target):  # two ledgers are renamed, then releases.json fails
        renames.append(target)
        if len(renames) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    real_replace = os.replace
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        make_release(scenario.root, "2.0")
    monkeypatch.setattr(os, "replace", real_replace)
    assert renames[2].name == "releases.json"  # (then the two ledgers were put back)
    assert snapshot(scenario.root) == before
    assert not [p for p in scenario.root.rglob("*.new")]  # no temporary left beside its target
    build(scenario.root, scenario.site, search=False, jobs=1)  # and the edition still builds
    make_release(scenario.root, "2.0")


def test_a_second_command_waits_then_refuses_naming_the_holder(tmp_path: Path) -> None:
    scenario = Scenario(tmp_path)
    folder = EditionFolder(scenario.root)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with edition_lock(folder, "release"):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    try:
        started = time.monotonic()
        with pytest.raises(EditionError) as failure, edition_lock(folder, "build", wait=0.3):
            pass
        assert time.monotonic() - started >= 0.3
        [problem] = failure.value.diagnostics
        assert (problem.file, problem.code) == (str(scenario.root / LOCK_FILE), "edition-busy")
        assert problem.message.startswith(f"the edition is in use by edition release (process {os.getpid()})")
    finally:
        release.set()
        holder.join()
    with edition_lock(folder, "build", wait=0.3):  # free again once the holder is done
        pass
