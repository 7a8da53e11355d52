"""The Shazam stand-in (amp.shazam.com for shazamio), recognizing the catalogue by audio content."""

from sandbox.shazam.standin import ShazamStandIn

__all__ = ["ShazamStandIn"]
