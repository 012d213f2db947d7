"""/analisis in the chat, one module per flow: ``browse`` (year, period, indicator, card),
``write`` (the analysis and recommendation questions, removing) and ``sheet`` (the
lembar analisis round-trip)."""
