"""What Dutch public bodies are held to: the accessibility statement (Besluit digitale
toegankelijkheid overheid) and security.txt (RFC 9116) for coordinated vulnerability disclosure,
both from the organisation's settings."""
