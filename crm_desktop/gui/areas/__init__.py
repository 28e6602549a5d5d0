"""One module per main-window area, each exposing ``create_page(ctx) -> QWidget``."""
