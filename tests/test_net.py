"""Rate limits key on the real client address, also behind a load balancer."""

from django.test import RequestFactory, override_settings

from pioneer.net import client_ip


def request_with(**meta):
    return RequestFactory().get("/", **meta)


def test_it_uses_the_connection_address_by_default():
    request = request_with(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.5"


@override_settings(BEHIND_PROXY=True)
def test_behind_a_proxy_it_takes_the_address_the_proxy_appended():
    request = request_with(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


@override_settings(BEHIND_PROXY=True)
def test_behind_a_proxy_without_the_header_it_falls_back_to_the_connection():
    assert client_ip(request_with(REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
