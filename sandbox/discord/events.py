"""Gateway events that follow from changes to messages."""

from __future__ import annotations

from sandbox.discord.message_shapes import message_payload
from sandbox.discord.model import Json, Message
from sandbox.discord.world import World


async def message_created(world: World, message: Message) -> None:
    """MESSAGE_CREATE for everyone listening (ephemeral messages stay private)."""
    if not message.ephemeral:
        world.dispatch("MESSAGE_CREATE", message_payload(world, message, gateway=True))
    await world.notify()


async def message_edited(world: World, message: Message) -> None:
    """MESSAGE_UPDATE with the full new message."""
    if not message.ephemeral:
        world.dispatch("MESSAGE_UPDATE", message_payload(world, message, gateway=True))
    await world.notify()


async def message_deleted(world: World, message: Message) -> None:
    """Mark a message deleted and send MESSAGE_DELETE."""
    message.deleted = True
    event: Json = {"id": str(message.id), "channel_id": str(message.channel_id)}
    guild_id = world.channel(message.channel_id).guild_id
    if guild_id:
        event["guild_id"] = str(guild_id)
    if not message.ephemeral:
        world.dispatch("MESSAGE_DELETE", event)
    await world.notify()
