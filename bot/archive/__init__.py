"""The document archive as people use it: /arsip (browse by year, step and kind, get a file
again) and the archive export of a cycle (``kinerja-bot export-archive``)."""
