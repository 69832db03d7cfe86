"""Evidence per employee: what they confirmed, when, the seals, and what was in force when."""
