"""Reading the published code: the timeline of versions, a document as readers see it, a
version's page, who may read, search and the PDF; the request handlers are in views/."""
