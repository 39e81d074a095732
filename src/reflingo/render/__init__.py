"""Renderers of the canonical model: each returns `{relative_path: content}` and writes nothing
(the commands' writer writes). The site (`render.site`) and the typed stubs (`render.stubs`)
live here; like the checks, they read the model and never import `run/` or `commands/`.
"""
