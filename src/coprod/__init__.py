"""coprod: an evidence-linked tracker of defence-industrial cooperation with Ukraine."""

__version__ = "0.1.0"
