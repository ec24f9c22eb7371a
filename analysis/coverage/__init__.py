"""Programme coverage: the BAC survey of municipal child-rights programmes, its figures, map and comparisons."""
