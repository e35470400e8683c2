"""Long work in the background: one Job row per started piece of work, run by Celery (or in-process).

Apps register kinds of job (`registry.register_job`); views start them (`services.start_job`) and
send the user to the job page, which shows progress and the outcome.
"""
