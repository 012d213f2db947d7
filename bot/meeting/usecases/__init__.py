"""The decision meeting's use cases (SOP step 17)."""
