"""Plain, JSON-ready views of what people in the fake Discord see, for test assertions."""

from __future__ import annotations

from sandbox.discord.model import FLAG_LOADING, Interaction, Json, Message
from sandbox.discord.world import World


def message_view(world: World, message: Message) -> Json:
    """A message as a reader sees it, with its earlier versions under `edits`."""
    author = world.user(message.author_id)
    reference = (message.message_reference or {}).get("message_id")
    return {
        "id": message.id,
        "channel_id": message.channel_id,
        "author": {"id": author.id, "username": author.username, "bot": author.bot},
        "content": message.content,
        "embeds": message.embeds,
        "components": message.components,
        "flags": message.flags,
        "ephemeral": message.ephemeral,
        "loading": bool(message.flags & FLAG_LOADING),
        "timestamp": message.timestamp,
        "edited_timestamp": message.edited_timestamp,
        "edits": message.history,
        "deleted": message.deleted,
        "reply_to": int(reference) if reference else None,
        "pinged": message.pinged_ids,
        "interaction_id": message.interaction_id,
        "attachments": message.attachments,
        "reactions": [{"emoji": r.emoji, "user_id": r.user_id, "order": r.order}
                      for r in message.reactions],
    }


def interaction_view(world: World, interaction: Interaction) -> Json:
    """An interaction with the bot's initial callback, the resulting message and follow-ups."""
    first = interaction.callbacks[0] if interaction.callbacks else None
    original = world.messages.get(interaction.original_id or 0)
    data = interaction.data
    response = None
    if first is not None:
        shown = original or Message(id=0, channel_id=interaction.channel_id, author_id=world.bot.id)
        response = {
            "type": first["type"],
            "content": shown.content,
            "embeds": shown.embeds,
            "components": shown.components,
            "ephemeral": shown.ephemeral,
        }
    return {
        "id": interaction.id,
        "type": interaction.type,
        "user_id": interaction.user_id,
        "channel_id": interaction.channel_id,
        "name": data.get("name"),
        "custom_id": data.get("custom_id"),
        "callbacks": interaction.callbacks,
        "response": response,
        "original": message_view(world, original) if original else None,
        "followups": [message_view(world, world.messages[i]) for i in interaction.followup_ids],
    }
