"""pic: score US state laws on child sex trafficking against published frameworks."""

__version__ = "0.1.0"
