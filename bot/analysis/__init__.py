"""Analysis (SOP step 14)."""
