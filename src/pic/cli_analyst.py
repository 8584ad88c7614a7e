"""Analyst commands: explain, whatif, new (registered on the main app)."""

from __future__ import annotations
