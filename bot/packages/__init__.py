"""Procurement packages (SOP step 10): the packages of each OPD as exported from SIRUP, to be
mapped to the plan's strategic areas."""
