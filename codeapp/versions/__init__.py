"""Published versions: the code as one sealed document (documents), comparing documents
(compare), where each item came from (provenance), publishing (services),
importing and restoring (importing), verifying the chain of seals (chain), and the notices
sent on publication (notifications)."""
