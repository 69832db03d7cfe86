"""Forms of the reflection programme, one module per kind of page: sessions, cases,
proposals (recording and suggesting), review (deciding and merging), deputies."""
