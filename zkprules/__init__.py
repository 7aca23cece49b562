"""zkprules: a Chinese-keyword rule language for government performance-evaluation schemes."""

__version__ = "0.1.0"
