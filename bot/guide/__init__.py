"""The SOP guide: /tugas, /status, a card per step, and /bantuan."""
