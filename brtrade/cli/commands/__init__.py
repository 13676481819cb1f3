"""One module per family of commands, each command named once in
``brtrade.cli.program.COMMANDS`` and imported only when it runs."""
