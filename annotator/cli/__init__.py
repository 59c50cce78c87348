"""The command line: import, export, stats and the batch tools."""
