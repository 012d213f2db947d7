"""SOP rules, calculations and configuration as plain functions and data.

Nothing in this package imports Telegram: every rule here can be called from a test,
a console or a scheduled job without a bot.
"""
