"""matplotlib Figure builders (no pyplot, no Qt), shared by the screen and the exports."""
