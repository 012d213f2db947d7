"""Reporting's units of work (SOP steps 11-12): each function opens at most one write
transaction, does all of its storage work inside it, and returns frozen views, never ORM
objects. Handlers call them and render what they return."""
