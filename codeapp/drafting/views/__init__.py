"""The request handlers of the working draft: the draft page (`draft`), and publishing it and
editing the code's title and preamble (`publishing`)."""
