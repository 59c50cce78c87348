"""Hand-made gold for real pages whose texts are kept outside the repository."""
