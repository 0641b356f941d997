"""Credentials sent with the first request of an upload, not in answer to a challenge.

urllib answers a 401 challenge only after sending the whole request. Virtuoso challenges as soon
as the headers arrive and closes the connection, so an upload of megabytes meets a broken pipe
or a reset instead of the challenge, and is never retried. Sent up front, the body is read.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request


def authorize(request: urllib.request.Request, user: str, password: str, scheme: str, timeout: float) -> None:
    """Add an Authorization header to `request` (Basic, or Digest from a challenge fetched with HEAD)."""
    if scheme == "basic":
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        request.add_unredirected_header("Authorization", f"Basic {token}")
        return
    challenge = _digest_challenge(request.full_url, timeout)
    if challenge is None:
        return  # no challenge: the server may not want credentials here; urllib still answers a later 401
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, request.full_url, user, password)
    answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(request, challenge)
    if answer:
        request.add_unredirected_header("Authorization", f"Digest {answer}")


def _digest_challenge(url: str, timeout: float) -> dict[str, str] | None:
    """The fields of the server's Digest challenge for `url`, asked with a bodiless HEAD."""
    try:
        with urllib.request.build_opener().open(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            return None
    except urllib.error.HTTPError as error:
        error.close()
        scheme, _, fields = (error.headers.get("WWW-Authenticate") or "").partition(" ")
        if error.code != 401 or scheme.lower() != "digest":
            return None
        return urllib.request.parse_keqv_list(urllib.request.parse_http_list(fields))
    except OSError:
        return None  # the upload itself will say what is wrong with the server
