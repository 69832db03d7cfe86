"""The demo and the bench: demo content (data), seeding it through the app's services, and a
large code for measuring. The management commands only parse arguments and call these."""
