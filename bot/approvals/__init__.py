"""The one approval mechanism (request, decision buttons, overdue) and acting heads (/plh)."""
