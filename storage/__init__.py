"""Persistence: table models, the database handle, migrations and data functions."""
