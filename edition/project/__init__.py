"""The edition folder: everything an editor owns (config, registers, sources, pages, notes,
ledgers, releases), read once through one resolver that reads nothing outside the folder."""
