"""Rules of the performance plan: model, formula, validation, typed values, periods, edits."""
