"""The Laporan Pencapaian Kinerja (SOP step 15), its workbook and presentation deck (step 16),
and the final indicator-status report (step 17): /laporan, their signing and archiving."""
