"""Letters use cases, one transaction each: ``views`` (what a letter card shows), ``drafting``
(opening, drafting and editing a letter, submitting it) and ``signing`` (numbering, the final
PDF, the archive, and sending it out)."""
