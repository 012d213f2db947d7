"""The results (SOP step 13). What the feature gives the application: /capaian with its
buttons, and the opener of step 13 ("kompilasi") for /tugas."""

from __future__ import annotations

from bot.feature import Feature
from bot.results import handlers

FEATURE = Feature(
    name="results",
    handlers=handlers.handlers,
    step_openers={"kompilasi": handlers.open_step},
)
