"""Kinerja PBJ Bot: the Telegram bot that runs the SOP Pengelolaan Kinerja of a UKPBJ."""

__version__ = "0.1.0"
