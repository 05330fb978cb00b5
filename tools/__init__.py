"""Maintainers' scripts: data imports run by hand, checked by the tests."""
