"""brtrade's pure core: the model, loading and validation, and queries.

Nothing here prints, exits or knows about terminals.
"""
