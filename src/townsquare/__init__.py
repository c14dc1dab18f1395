"""Townsquare: a council's data, Transparency Code register and shared knowledge in one place."""

__version__ = "0.1.0"
