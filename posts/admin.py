from posts import admin_windows  # noqa: F401
