"""The decision meeting with the head (SOP step 17): /rapat, the head's decisions on each
recommendation or indicator, and what they change."""
