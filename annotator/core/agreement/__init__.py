"""Inter-annotator agreement: spans matched exactly and by overlap, characters by kappa and
alpha, links on matched agencies; pairwise, overall, per label and per document."""

from .report import AgreementError, agreement, compute, load

__all__ = ["AgreementError", "agreement", "compute", "load"]
