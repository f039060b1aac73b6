"""Fonts: faces of OpenType files, roles with fallback chains, embeddable subsets."""

from layout.fonts.chain import FontChain
from layout.fonts.face import Face
from layout.fonts.library import FontLibrary, default_cache_dir

__all__ = ["Face", "FontChain", "FontLibrary", "default_cache_dir"]
