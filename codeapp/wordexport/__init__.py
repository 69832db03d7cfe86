"""The code as a word-processor document for the works council and the board: a version, the
working draft, or the draft beside the version in force with its changes tracked.

`outline.py` says what the document holds, in no file format; `docx.py` writes it with
python-docx, `odt.py` with odfpy; `views.py` serves them.
"""
