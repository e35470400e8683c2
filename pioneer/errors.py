"""The one refusal: a rule of the programme says no, in words the person who asked can read."""

from django.utils.functional import Promise

from pioneer.words import Message


class Refusal(Exception):
    """Raised by every service when a rule refuses a move; views show `message` to the user.

    The message is built with `gettext` (or lazily) in the service, so it is already in the language
    of the request that made the move. Raised with a `Message` or a lazy translation, `said` keeps it, so
    that what is stored of the refusal (an import's file errors) reads in each reader's language;
    otherwise `said` is the text.
    """

    def __init__(self, message, *, code: str = ""):
        super().__init__(str(message))
        self.message = str(message)
        self.said = message if isinstance(message, Message | Promise) else self.message
        self.code = code

    def __str__(self):
        return self.message
