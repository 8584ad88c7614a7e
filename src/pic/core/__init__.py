"""The core: loading, validation, scoring, gaps, comparison. Plain data in, plain data out; nothing here knows about terminals or output formats."""
