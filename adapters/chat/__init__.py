"""What the chat fronts (Telegram, Discord) share: the pacing of their messages."""
