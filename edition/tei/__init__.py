"""TEI as data: the one safe parser, source profiles, validation (RELAX NG + Schematron),
header reading, plain text. Knows nothing of edition folders or of the site."""
