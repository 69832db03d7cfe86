"""Reflection sessions, cases and amendment proposals: see the reflection issue."""
