"""Learning from a project's annotations: a character tagger over the rules' candidates."""
