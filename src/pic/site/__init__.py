"""`pic site DIR`: the whole record as one static, self-contained website.

- `pic.site.reports` gathers the reports, the same JSON-ready dicts the CLI emits;
- `pic.site.pages` lays them out as HTML pages with pic's own renderers;
- `pic.site.build` puts the pages, the data files and the style sheet together and writes
  the tree atomically.

Nothing here is imported unless `pic site` runs.
"""
