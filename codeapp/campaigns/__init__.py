"""Confirmation campaigns: asking an audience to confirm a version by a deadline, with reminders."""
