from brtrade.cli import main

main()
