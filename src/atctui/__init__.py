"""atctui: a keyboard-driven terminal explorer of the CIS ATC's cooperation record."""

__version__ = "0.1.0"
