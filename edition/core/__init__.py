"""The foundation every layer stands on: diagnostics, the bundled data folders, atomic writes.

Imports nothing from the other layers.
"""
