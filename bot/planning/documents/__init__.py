"""Documents of the plan: the plan workbook, the Template Data Kinerja, the planning PDF."""
