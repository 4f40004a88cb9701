"""The window's dockable panels; each takes the session and talks to the core through it."""
