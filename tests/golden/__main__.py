"""`python -m tests.golden`: show how the output differs from the goldens; `--update` rewrites them."""

from __future__ import annotations

import argparse
import difflib
import sys

from edition.site.transform import Transformer

from . import EXPECTED, actual, genres


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="write the current output as the expected output")
    update = parser.parse_args().update
    transformer = Transformer()
    differing = 0
    for folder in genres():
        path = folder / EXPECTED
        now = actual(folder, transformer)
        before = path.read_text(encoding="utf-8") if path.is_file() else ""
        if now == before:
            continue
        differing += 1
        sys.stdout.writelines(difflib.unified_diff(before.splitlines(True), now.splitlines(True),
                                                   f"{folder.name}/{EXPECTED}", f"{folder.name} now"))
        if update:
            path.write_text(now, encoding="utf-8")
    verb = "updated" if update else "differ"
    print(f"{differing} of {len(genres())} goldens {verb}", file=sys.stderr)
    return 0 if update or not differing else 1


if __name__ == "__main__":
    sys.exit(main())
