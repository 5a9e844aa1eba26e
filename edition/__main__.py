from edition.cli import run

run()
