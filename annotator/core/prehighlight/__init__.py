"""Pre-highlighting: machine candidates for every label of the schema."""
