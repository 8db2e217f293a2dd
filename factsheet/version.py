"""The version of factsheet, kept apart so every layer may name it (outputs record it in the manifest)."""

__version__ = "0.1.0"
