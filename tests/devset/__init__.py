"""Hand-annotated development set for measuring pre-highlighting."""
