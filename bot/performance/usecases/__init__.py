"""What /laporan does with the database: the choices, making a report, its signing."""
