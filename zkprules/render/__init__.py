"""Renderers: each walks result or diagnostic data and writes to a rich Console passed in."""
