"""What each practice is, in pure Python on ports: no typer, rich, questionary or sqlite3.

A practice takes ports (Clock, Prompter, Renderer) and content models and returns a result
object. On Ctrl-C it records what was done so far and re-raises KeyboardInterrupt, so the
error boundary can say one calm line and exit 130.
"""
