"""Demo data for the posts app, in the programme's order: posts and rounds through steps 1–3, then step 4."""

from posts.demo import nominations, windows


def load(stdout=None):
    nominations.load(stdout=stdout)
    windows.load(stdout=stdout)
