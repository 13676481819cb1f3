"""One module per family of commands; :mod:`brtrade.cli.program` registers them."""
