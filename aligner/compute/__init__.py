"""Pure numpy computations over evaluation arrays: no I/O, no storage, no Qt."""
