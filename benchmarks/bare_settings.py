"""Settings of the benchmark's app server: the project's, with the bare view's URLs (benchmarks.bare) on top."""

from pioneer.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare"
