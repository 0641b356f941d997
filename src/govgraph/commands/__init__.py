"""One module per subcommand; each defines `register(subparsers)` and sets `func` on its parser.

`options` declares the options shared by the commands that read the graph.
"""
