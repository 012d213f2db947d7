"""The one context type every handler, job and use-case caller sees."""

from __future__ import annotations

from telegram.ext import ContextTypes

Context = ContextTypes.DEFAULT_TYPE
