"""The persistent index: a query-ready copy of a validated fact base.

It sits between the core and the CLI. Built once from the loaded model, it
holds search postings, each claim and quote already in its JSON-contract form
(from :mod:`brtrade.contract.records`), the names users type, counts, and the
whole base in a compact form for the commands that need all of it. A warm
query reads only the rows it returns and never parses YAML.

:mod:`.store` is the front end; :mod:`.freshness` decides whether an index
may be used, :mod:`.build` writes one, :mod:`.reader` reads one, and
:mod:`.layout` is what both agree on.
"""
