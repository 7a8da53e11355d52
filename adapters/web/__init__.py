"""The web server: the Spotify OAuth callback and health checks (aiohttp)."""
