"""`bocompile templates list | copy [NAME]`: which templates a project uses, and
a default copied into the project to customise it."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

from bocompile.cli.common import global_options, reported, say, settings
from bocompile.template_files import FOLDER, Template, copy_defaults, defaults, every_template


def _describe(template: Template) -> str:
    if template.own is None:
        return f"default  {template.default}"
    if template.default is not None and template.name.endswith(".toml"):
        return f"project  {FOLDER}/{template.name}, key by key over the default {template.default}"
    return f"project  {FOLDER}/{template.name}"


@click.group("templates")
@global_options
def command() -> None:
    """The templates in use: wording (lang/<lang>.toml) and look (docx/reference.docx).

    bocompile ships a default of each; a file of the same name in the
    project's templates/ folder overrides it (the wording key by key).
    """


@command.command("list")
@global_options
def list_() -> None:
    """Show each template and the file it comes from."""
    root = settings().directory.resolve()
    templates = every_template(root)
    width = max(len(t.name) for t in templates)
    for template in templates:
        say(f"{template.name:<{width}}  {_describe(template)}")


def _complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(name) for name in defaults() if name.startswith(incomplete)]


@command.command("copy")
@click.argument("names", nargs=-1, metavar="[NAME]...", shell_complete=_complete)
@click.option("--force", is_flag=True, help="Replace the project's file of the same name.")
@global_options
def copy(names: tuple[str, ...], force: bool) -> None:
    """Copy defaults into the project's templates/ to customise them (all without NAME).

    To change a few words, keep only the keys you change in the copied
    lang/<lang>.toml: the others keep following the default.
    """
    root = settings().directory.resolve()
    with reported():
        written = copy_defaults(root, names or tuple(defaults()), force)
    for path in written:
        say(str(path))
