"""brtrade: answers from a curated fact base, every answer traced to its sentence."""

__version__ = "0.1.0"
