"""Files other tools and other runs read: the gold JSONL contract of docs/FORMAT.md."""
