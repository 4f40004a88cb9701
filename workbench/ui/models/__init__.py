"""Thin Qt item models over core data: they read cached arrays and push core edits."""
