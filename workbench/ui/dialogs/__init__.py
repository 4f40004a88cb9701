"""Import and export dialogs; the menu actions are the functions in ``actions``."""
