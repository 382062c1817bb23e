"""Help text that reads well in an 80-column terminal.

Typer's plain help names an argument by its Python type ("PATH_OR_URL... <list[str]>") and wraps it in braces on
the usage line ("{PATH_OR_URL...}..."). Each frontwatch command gives its arguments a metavar that already says what
to type and how many, so this command class shows that metavar alone, on the usage line and under "Arguments".
Options keep typer's rendering: each shows its own metavar (``--db STORE``).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand


class PlainHelp(TyperCommand):
    """A command whose help names each argument by its metavar."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(param.display_name_raw)
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = [p for p in self.get_params(ctx) if not p.hidden]
        arguments = [(p.display_name_raw, p.help or "") for p in params if isinstance(p, TyperArgument)]
        options = [record for p in params if not isinstance(p, TyperArgument)
                   if (record := p.get_help_record(ctx)) is not None]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
