"""Demo data for the posts app, in the programme's order: posts and rounds through steps 1–3, the
changes during the year, then step 4."""

from posts.demo import changes, nominations, windows


def load(stdout=None):
    nominations.load(stdout=stdout)
    changes.load(stdout=stdout)
    windows.load(stdout=stdout)
