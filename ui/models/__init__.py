"""Qt item models over service values; setData pushes undoable commands."""
