"""Periodic reporting (SOP steps 11-12): /jadwal, /lapor, /verifikasi and the report workbook."""
