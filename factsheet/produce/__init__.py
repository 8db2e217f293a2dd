"""One job end to end (above render and press): the output registry (kinds.py) and its built-in kinds
(builtin.py), the handout's PDF (document.py), and running one planned job (output.py)."""

from factsheet.produce import builtin as builtin
