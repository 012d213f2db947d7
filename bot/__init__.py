"""Kinerja PBJ Bot: the Telegram bot that runs the SOP Pengelolaan Kinerja of a UKPBJ."""

import os

__version__ = "0.1.0"

# Opt in to python-telegram-bot's coming behaviour (durations such as a flood-wait's
# retry_after as timedelta) instead of reading the deprecated number form.
os.environ.setdefault("PTB_TIMEDELTA", "1")
