"""Rendering: turn query results into JSON, tables and text.

Renderers return strings or Rich renderables; only the CLI prints them.
Rich is imported only by :mod:`brtrade.render.tables`.
"""
