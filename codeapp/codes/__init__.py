"""Several codes in one organisation: which code a request works on, its addresses, who may
keep which code, and the list of codes."""
