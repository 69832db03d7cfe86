"""The request handlers of the working draft: the draft page (`draft`), the code's title and
preamble (`profile`), and publishing the draft as the next version (`publishing`)."""
