"""Rendering: turn contract rows, records and located spans into text for people
and for programs.

Renderers return strings or Rich renderables; only the CLI prints them, and
none of them reads a file. :mod:`.formats` writes the machine formats;
:mod:`.tables`, :mod:`.views` and :mod:`.figures` build Rich renderables and
are the only modules here that import Rich; :mod:`.safe` escapes data for
terminals and documents.
"""
