"""Spotify through spotipy: catalog search with the app's credentials; people's playlists."""
