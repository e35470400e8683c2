"""Every model of the posts app, gathered from the step packages so `posts.models.X` works everywhere.

- catalogue: pioneer posts and assignments (who holds which post)
- nominations: rounds and self-nominations (step 1); publication: publications and objections (step 3)
- windows, feedback, handbook (step 4); plaques: the register written by steps 4 and 5
"""

from posts.catalogue.models import MAX_POSTS_PER_ORGANISATION, Assignment, Post  # noqa: F401
from posts.changes.models import Movement  # noqa: F401
from posts.feedback.models import FEEDBACK_MAX_LENGTH, Feedback, FeedbackEvent  # noqa: F401
from posts.handbook.models import HandbookEdition  # noqa: F401
from posts.nominations.models import Nomination, Round  # noqa: F401
from posts.plaques.models import PlaqueApplication, PlaqueRecord  # noqa: F401
from posts.publication.models import Objection, Publication  # noqa: F401
from posts.windows.models import MemberPhoto, Window  # noqa: F401
