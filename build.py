"""`python build.py` builds the bundled edition: the same as `edition build content --out site`."""

import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", "content", "--out", "site", *sys.argv[1:]]))
