"""One module per area; each defines ``register(reg: Registry)``."""
