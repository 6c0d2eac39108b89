"""kind: a terminal self-compassion companion."""

__version__ = "0.1.0"
