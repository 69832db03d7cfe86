"""Reflection: sessions, the case library, and amendment proposals and their review.

Above values and norms, below codeapp (import-linter checks it). `models` holds the rows;
`services/` the writes (sessions, cases, a proposal's life, applying an approved one to the
draft); `views/` the pages, one module per kind; `forms/` their forms; `presentation` how a
proposal is shown; `access` who may open one; `notifications` the mails a proposal sends.
"""
