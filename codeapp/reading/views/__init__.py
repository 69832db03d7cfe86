"""The request handlers of reading the published code, one module per page family: the
version pages (pages), comparing two versions (version_compare), confirming having read
the version in force (confirm), the PDF (pdf), searching (search) and suggesting a change
(suggest). They parse, call and render; what they call lives beside this package."""
