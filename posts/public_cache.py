"""Public pages served from the shared cache: their content is rendered once per version of the data it shows.

Two layers. A visitor without a session gets the whole page from pioneer.pagecache (its CSRF token and CSP
nonce filled in per response). Everyone else gets the page rendered around the cached content: a signed-in
visitor's page carries their name and menu, and the content is the same for everyone who sees it.
"""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import mark_safe

from pioneer import cachekeys, pagecache

FRAGMENT = "public"


class CachedPublicMixin:
    """Serve the template's `{% cache fragment_timeout public fragment_key %}` content without reading the data again.

    `versions()` names the counters the content depends on; `fragment_params` the query parameters that change it
    (others are ignored, so random parameters cannot fill the cache).
    """

    fragment_params: tuple[str, ...] = ()

    def versions(self) -> list[str]:
        return ["public"]

    def fragment_key(self) -> str:
        params = [f"{p}={self.request.GET.get(p, '')[:100]}" for p in self.fragment_params]
        # Read before the data, so a write after this makes the entries stored under them stale (pioneer.cachekeys).
        self._versions = {name: cachekeys.version(name) for name in self.versions()}
        return cachekeys.key(*(f"{name}.{value}" for name, value in self._versions.items()), self.request.path, *params)

    def cached_fragment(self):
        self.fragment = cache.get(make_template_fragment_key(FRAGMENT, [self._fragment_key]))
        return self.fragment

    def prepare(self):
        """Fetch what the key or the page around the content needs (a window, say): nothing by default."""

    def render_miss(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return pagecache.answer(request, self.fragment_params, lambda: self._render(request, *args, **kwargs))

    def _render(self, request, *args, **kwargs):
        self.prepare()
        self._fragment_key = self.fragment_key()
        if self.cached_fragment() is not None:
            # The template by name: a list view's default names would ask for the list it has not fetched.
            response = self.response_class(request=request, template=[self.template_name], context=self.fragment_context(),
                                           using=self.template_engine)
        else:
            response = self.render_miss(request, *args, **kwargs)
        return response, self._versions

    def fragment_context(self) -> dict:
        """What the page needs around its cached content (its title, say): nothing by default."""
        return {"view": self, "fragment": mark_safe(self.fragment)}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(fragment_key=self._fragment_key, fragment_timeout=cachekeys.TIMEOUT)
        return ctx


def _bump_public(sender, **kwargs):
    cachekeys.bump("public")


def _bump_handbook(sender, **kwargs):
    cachekeys.bump("handbook")


def _bump_window(sender, instance, **kwargs):
    cachekeys.bump(f"window.{instance.window_id}")


def connect():
    """Bump the counters when what public pages show changes (called from the app's ready())."""
    from members.models import Member, Organisation
    from posts.models import Assignment, Feedback, HandbookEdition, MemberPhoto, PlaqueRecord, Post, Publication, Window

    # Publication covers the bulk UPDATEs that publish and confirm assignments: they send no signal of their own.
    for model in (Window, Post, Assignment, Publication, PlaqueRecord, Organisation, Member, MemberPhoto):
        post_save.connect(_bump_public, sender=model, dispatch_uid=f"public-save-{model.__name__}")
        post_delete.connect(_bump_public, sender=model, dispatch_uid=f"public-delete-{model.__name__}")
    m2m_changed.connect(_bump_public, sender=Window.posts.through, dispatch_uid="public-window-posts")
    post_save.connect(_bump_handbook, sender=HandbookEdition, dispatch_uid="public-handbook")
    # Feedback is frequent: it changes only its window's page (the year's record), not every public page.
    post_save.connect(_bump_window, sender=Feedback, dispatch_uid="public-feedback")
    post_delete.connect(_bump_window, sender=Feedback, dispatch_uid="public-feedback-delete")
