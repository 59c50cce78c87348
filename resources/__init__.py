"""The app's data files, installed as the package ``annotator.resources``.

Located by annotator/core/resources.py only; nothing here is imported for code.
"""
