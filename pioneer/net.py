"""The client's address, for rate limits, when the app may sit behind a load balancer."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind our proxy the address the proxy saw (the last X-Forwarded-For entry).

    The last entry is the one our own proxy appended; earlier entries come from the client
    and could be forged to dodge a rate limit.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")
