"""Outreach use cases, one transaction each: ``delivery`` (a signed letter to the owners and
how far it got), ``answers`` (what owners press) and ``day`` (the socialisation itself)."""
