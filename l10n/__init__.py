"""l10n: an offline localisation pipeline for press releases (English to Chinese)."""

__version__ = "0.1.0"
