"""Reports as plain data: what each command says, JSON-ready, and its rows for CSV and Markdown."""
