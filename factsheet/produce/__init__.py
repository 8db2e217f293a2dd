"""One job end to end: the filled template, the PDF, its prepress and its preflight (above render and press)."""
