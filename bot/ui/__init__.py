"""Shared chat pieces every feature uses: showing and answering, paging, flows, button codec."""
