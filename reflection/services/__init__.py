"""Writes of the reflection programme: sessions, cases, and amendment proposals.

Keyword-only functions named `<thing>_<action>`, each in one transaction; the views parse
the request, call one of these and render. `targets` says what a proposal can be about,
`proposals` is a proposal's life, `applying` how an approved one changes the working draft.
"""
