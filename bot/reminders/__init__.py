"""Reminders and escalation: before every deadline, never lost or doubled across restarts."""
