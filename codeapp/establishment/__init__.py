"""How a published version was established, beyond what was sealed with it: the append-only
establishment log, its own chain of seals, and the page where an officer adds a step."""
