"""What people do in the fake Discord: post messages, run slash commands, press buttons."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

from sandbox.discord.attachments import FLAG_IS_VOICE_MESSAGE
from sandbox.discord.events import message_created
from sandbox.discord.message_shapes import interaction_payload, message_payload
from sandbox.discord.model import Command, Interaction, Json, Message, snowflake
from sandbox.discord.world import World

_OPTION_TYPES = {3: str, 4: int, 5: bool, 10: float}


async def post_message(world: World, author_id: int, channel_id: int, content: str,
                       attachments: list[Json] | None = None) -> Message:
    """A person writes in a channel, maybe with files (MESSAGE_CREATE follows)."""
    channel = world.channel(channel_id)
    if channel.guild_id and author_id not in world.guild(channel.guild_id).member_ids:
        raise PermissionError(f"user {author_id} is not a member of that guild")
    body: Json = {"content": content, "attachments": attachments or []}
    if any(a.get("flags", 0) & FLAG_IS_VOICE_MESSAGE for a in attachments or []):
        body["flags"] = FLAG_IS_VOICE_MESSAGE
    message = world.create_message(channel.id, author_id, body)
    await message_created(world, message)
    return message


def find_command(world: World, name: str, guild_id: int | None, kind: int = 1) -> Command:
    """The registered command of `kind` (1 chat, 3 message menu) a user there sees as `name`."""
    scopes = [guild_id, None] if guild_id else [None]
    for scope in scopes:
        for command in world.scope_commands(scope):
            if command.name == name and int(command.body.get("type", 1)) == kind:
                return command
    raise LookupError(f"/{name} is not a registered command here")


async def run_message_command(world: World, user_id: int, message_id: int, name: str
                              ) -> Interaction:
    """A person picks Apps → `name` on a message (INTERACTION_CREATE, a type 3 command)."""
    message = world.message(None, message_id)
    channel = world.channel(message.channel_id)
    world.user(user_id)
    command = find_command(world, name, channel.guild_id, kind=3)
    data: Json = {"id": str(command.id), "name": command.name, "type": 3,
                  "target_id": str(message.id),
                  "resolved": {"messages": {str(message.id): message_payload(world, message)}}}
    if command.guild_id:
        data["guild_id"] = str(command.guild_id)
    return await start_interaction(
        world, _interaction(2, user_id, channel.id, channel.guild_id, data)
    )


def command_options(command: Command, given: dict[str, Any]) -> list[Json]:
    """Typed interaction options from plain values, checked against the registration."""
    declared = {o["name"]: o for o in command.body.get("options") or []}
    unknown = set(given) - set(declared)
    if unknown:
        raise ValueError(f"/{command.name} has no option(s) {sorted(unknown)}")
    missing = [n for n, o in declared.items() if o.get("required") and n not in given]
    if missing:
        raise ValueError(f"/{command.name} needs option(s) {missing}")
    options = []
    for name, value in given.items():
        kind = int(declared[name]["type"])
        convert = _OPTION_TYPES.get(kind, str)
        options.append({"name": name, "type": kind, "value": convert(value)})
    return options


async def start_interaction(world: World, interaction: Interaction) -> Interaction:
    """Register an interaction and deliver INTERACTION_CREATE."""
    world.interactions[interaction.id] = interaction
    world.dispatch("INTERACTION_CREATE", interaction_payload(world, interaction))
    await world.notify()
    return interaction


async def run_command(
    world: World, user_id: int, channel_id: int, name: str, options: dict[str, Any]
) -> Interaction:
    """A person runs a slash command (INTERACTION_CREATE type 2)."""
    channel = world.channel(channel_id)
    world.user(user_id)
    command = find_command(world, name, channel.guild_id)
    data: Json = {
        "id": str(command.id),
        "name": command.name,
        "type": 1,
        "options": command_options(command, options),
    }
    if command.guild_id:
        data["guild_id"] = str(command.guild_id)
    return await start_interaction(
        world, _interaction(2, user_id, channel.id, channel.guild_id, data)
    )


async def press_component(
    world: World, user_id: int, message_id: int, custom_id: str, values: list[str] | None = None
) -> Interaction:
    """A person presses a button (or picks from a select menu) on a message."""
    message = world.message(None, message_id)
    if message.ephemeral and not _sees_ephemeral(world, message, user_id):
        raise PermissionError("only the interaction's user can see that ephemeral message")
    component = next(
        (c for c in _walk(message.components) if c.get("custom_id") == custom_id), None
    )
    if component is None:
        raise LookupError(f"message {message_id} has no component {custom_id!r}")
    if component.get("disabled"):
        raise PermissionError(f"component {custom_id!r} is disabled")
    data: Json = {"custom_id": custom_id, "component_type": component["type"]}
    if values is not None:
        data["values"] = values
    guild_id = world.channel(message.channel_id).guild_id
    interaction = _interaction(3, user_id, message.channel_id, guild_id, data)
    interaction.message_id = message.id
    return await start_interaction(world, interaction)


def _sees_ephemeral(world: World, message: Message, user_id: int) -> bool:
    owner = world.interactions.get(message.interaction_id or 0)
    return owner is not None and owner.user_id == user_id


def _walk(components: list[Json]) -> Iterator[Json]:
    for component in components:
        yield component
        yield from _walk(component.get("components") or [])
        if isinstance(component.get("accessory"), dict):
            yield component["accessory"]


def _interaction(
    kind: int, user_id: int, channel_id: int, guild_id: int | None, data: Json
) -> Interaction:
    return Interaction(
        id=snowflake(),
        token=f"fake-interaction-token-{secrets.token_hex(16)}",
        type=kind,
        user_id=user_id,
        channel_id=channel_id,
        guild_id=guild_id,
        data=data,
    )
