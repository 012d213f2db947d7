"""The official letters of SOP steps 7-9: circular, socialisation invitation and report."""
