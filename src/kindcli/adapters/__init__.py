"""The only code that touches the real terminal, keyboard, wall clock and sleep."""
