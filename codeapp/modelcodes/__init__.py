"""Codes built on a model code: the model a code starts from, each item's origin, what the code
leaves out, and a model's new release turned into amendment proposals."""
