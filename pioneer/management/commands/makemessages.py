"""makemessages that also finds the keys of stored messages: `Message("…", **params)` (pioneer.words)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=Message"]
