"""Code health: is the code clear, balanced and alive? The rows it reads (rows), the rules
(findings), the report they fill (report), its charts (charts), form and pages (forms, views)."""
