"""Models of the posts app, one module per part of the programme.

- catalogue: pioneer posts (step 1's menu) and assignments (who holds which post)
- nominations: rounds, self-nominations, publication and objections (steps 1–3)
- windows: service windows, feedback, handbook editions and plaques (step 4)
"""

from posts.models.catalogue import Assignment, Post  # noqa: F401
from posts.models.nominations import *  # noqa: F401,F403
from posts.models.windows import *  # noqa: F401,F403
