"""One module per command beyond `build`: what the CLI calls, with no argument parsing."""
