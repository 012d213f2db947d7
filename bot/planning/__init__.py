"""The performance plan (SOP steps 1-4): objectives, strategic areas, indicators with their
formula, baseline and targets, and action plans; its validation, completeness and changes."""
