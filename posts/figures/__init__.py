"""The posts app's dashboard figures and home-page figures, registered on import (see `PostsConfig.ready`).

- overview: headline figures, posts offered and filled, units or branches at a glance, the home page's figures
- rounds: steps 1–3 (self-nominations, publication and objections)
- windows: step 4 (feedback, satisfaction by window, plaques) and the "windows" scope filter
"""

from posts.figures.overview import by_organisation, headline, headline_numbers, home_figures, live_assignment, on_post, posts
from posts.figures.rounds import nominations, publications
from posts.figures.windows import feedback, feedback_by_month, feedback_by_window, open_feedback_q, plaques, windows_in

__all__ = [
    "by_organisation", "feedback", "feedback_by_month", "feedback_by_window", "headline", "headline_numbers", "home_figures",
    "live_assignment", "nominations", "on_post", "open_feedback_q", "plaques", "posts", "publications", "windows_in",
]
