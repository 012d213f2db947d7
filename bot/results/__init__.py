"""Results of a cycle (SOP steps 13-17): compilation, /capaian and its charts."""
