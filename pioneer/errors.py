"""The one refusal: a rule of the programme says no, in words the person who asked can read."""


class Refusal(Exception):
    """Raised by every service when a rule refuses a move; views show `message` to the user.

    The message is built with `gettext` (or lazily) in the service, so it is already in the language
    of the request that made the move.
    """

    def __init__(self, message, *, code: str = ""):
        super().__init__(str(message))
        self.message = str(message)
        self.code = code

    def __str__(self):
        return self.message
