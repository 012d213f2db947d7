"""People: registration with an invitation code, /undang invitations, /pengguna user management."""
