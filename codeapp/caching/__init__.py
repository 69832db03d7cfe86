"""The speed layer: what is kept (pages, replayed answers, readers' facts) in one bounded
process store and the shared cache, how pages are put together from kept parts, and the
validators that let browsers keep them."""
