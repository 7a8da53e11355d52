"""What the chat fronts (Telegram, Discord) share: pacing their messages, fitting their text."""
