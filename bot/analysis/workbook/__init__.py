"""The lembar analisis: ``layout`` (sheets and columns), ``writing`` and ``reading``."""
