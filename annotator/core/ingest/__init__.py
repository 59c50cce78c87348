"""Turning raw files into clean documents: decoding, clean-up, metadata and story splitting."""
