"""An in-process stand-in for Telegram: the fake Bot API and a chat driver.

Used by the test suite, and meant for the offline demo and the terminal console, which
drive the real application through the same fake instead of the network.
"""
