"""epaper: column layout and print-ready PDF for Chinese newspapers."""

__version__ = "0.2.0"
