"""Pages of the reflection programme, one module per kind of page: sessions, cases,
proposals (recording and following one), review (deciding, merging, agreeing), deputies.

No other app imports these (checked by import-linter): what they share with other apps
lives in `reflection.services` and `reflection.forms`.
"""
