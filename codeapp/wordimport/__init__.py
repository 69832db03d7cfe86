"""Bringing an existing code in from a Word (.docx) or OpenDocument (.odt) file.

`reading` turns a file into its paragraphs, `guessing` guesses a norm's kind from its
wording, `structure` proposes a code from the paragraphs and applies the editor's
corrections (all three pure: no database), `landing` turns the corrected proposal into a
`living-code/1` document and imports it through `codeapp.versions.importing`.
"""
