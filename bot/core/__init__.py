"""Plain helpers every feature shares: the clock, dates, the number reader, labels, the PDF
letterhead and signature, signing, the profile, workbook guards.

Nothing in this package imports Telegram or a feature: every function here can be called from
a test, a console or a scheduled job without a bot. Rules of one feature live in its folder.
"""
