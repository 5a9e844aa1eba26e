"""`python build.py` builds the bundled edition: the same as `edition build content --out site`."""

import sys

from edition.cli import run

if __name__ == "__main__":
    run(["build", "content", "--out", "site", *sys.argv[1:]])
