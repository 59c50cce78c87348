"""The thin Qt layer: it shows what the core holds and sends user actions back to it."""
