"""Statisticians' uploads: templates, reading, validation, preview, all-or-nothing commit.

The path of a file, module by module:

- `safety`, `ole` — structural checks of the raw bytes before any parser
  (zip directory and inflated sizes, encryption, macros, XML entities, sheet
  count and extent, content sniffing);
- `workbook`, `legacy_text` — the cells of each sheet (python-calamine for
  .xlsx, xlrd for .xls), percentage formats, Excel errors, formulas without a
  cached value, TCVN3/VNI text converted to Unicode;
- `headers`, `lookup`, `directory`, `cells`, `reader` — tables found and read
  (template, long, wide), indicators, units and periods resolved, values in
  the indicator's measure;
- `validation` — errors and warnings (`issues`), located as Excel shows them;
- `preview`, `commit`, `history` — the dry run and its diff, the one
  transaction, revisions, rollback, audit;
- `template` — the workbook a unit fills; `display` — the page's tables;
  `commands` — `python -m kpi template | import-actuals | actuals | uploads |
  rollback-upload`.
"""
