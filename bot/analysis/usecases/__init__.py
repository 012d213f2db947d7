"""The use cases of /analisis: browsing (``browse``), writing in chat (``write``) and the
workbook round-trip (``sheet``)."""
