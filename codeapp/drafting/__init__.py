"""The working draft as editors and integrity officers see it: the draft as one numbered
document (document), what publishing it now would change (changes), its forms and its pages
(views/)."""
