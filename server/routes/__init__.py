"""The endpoint's routers; ``server.app`` includes them all."""
