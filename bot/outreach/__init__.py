"""Reaching the owners in steps 7-9: the signed circular and invitation delivered through the
outbox, acknowledgements, RSVPs, attendance on the day, photos and notes, and the tallies."""
