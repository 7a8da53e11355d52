"""The JSON shapes of messages, application commands and interactions."""

from __future__ import annotations

from sandbox.discord.model import Command, Guild, Interaction, Json, Message
from sandbox.discord.payloads import (
    MEMBER_PERMISSIONS,
    channel_payload,
    member_payload,
    user_payload,
)
from sandbox.discord.world import World


def message_payload(world: World, message: Message, *, gateway: bool = False) -> Json:
    """A message object; gateway events add guild_id and the author's member."""
    payload: Json = {
        "id": str(message.id),
        "channel_id": str(message.channel_id),
        "type": _message_type(world, message),
        "author": user_payload(world.user(message.author_id)),
        "content": message.content,
        "timestamp": message.timestamp,
        "edited_timestamp": message.edited_timestamp,
        "tts": False,
        "mention_everyone": False,
        "mentions": [user_payload(world.user(uid)) for uid in message.mention_ids],
        "mention_roles": [],
        "attachments": message.attachments,
        "embeds": message.embeds,
        "components": message.components,
        "pinned": False,
        "flags": message.flags,
    }
    if message.reactions:
        payload["reactions"] = _reactions(world, message)
    if message.webhook_id:
        payload["webhook_id"] = str(message.webhook_id)
        payload["application_id"] = str(world.application_id)
    if message.message_reference:
        payload["message_reference"] = message.message_reference
    if message.interaction_id and message.interaction_id in world.interactions:
        payload["interaction_metadata"] = _interaction_metadata(world, message)
    channel = world.channel(message.channel_id)
    if gateway and channel.guild_id:
        guild = world.guild(channel.guild_id)
        payload["guild_id"] = str(guild.id)
        if message.author_id in guild.member_ids:
            payload["member"] = member_payload(world, guild, message.author_id, with_user=False)
    return payload


def _reactions(world: World, message: Message) -> list[Json]:
    """Reactions as Discord counts them: one entry per emoji, in the order first added."""
    by_emoji: dict[str, list[int]] = {}
    for reaction in message.reactions:
        by_emoji.setdefault(reaction.emoji, []).append(reaction.user_id)
    return [{"emoji": {"id": None, "name": emoji}, "count": len(users),
             "count_details": {"burst": 0, "normal": len(users)}, "burst_colors": [],
             "me": world.bot.id in users, "me_burst": False}
            for emoji, users in by_emoji.items()]


def _message_type(world: World, message: Message) -> int:
    interaction = world.interactions.get(message.interaction_id or 0)
    if interaction is not None and interaction.type == 2:
        return 20  # CHAT_INPUT_COMMAND: the reply to a slash command
    return 19 if message.message_reference else 0  # REPLY or DEFAULT


def _interaction_metadata(world: World, message: Message) -> Json:
    interaction = world.interactions[message.interaction_id or 0]
    owner = interaction.guild_id or interaction.user_id
    metadata: Json = {
        "id": str(interaction.id),
        "type": interaction.type,
        "user": user_payload(world.user(interaction.user_id)),
        "authorizing_integration_owners": {"0" if interaction.guild_id else "1": str(owner)},
    }
    if interaction.original_id and interaction.original_id != message.id:
        metadata["original_response_message_id"] = str(interaction.original_id)
    return metadata


def command_payload(world: World, command: Command) -> Json:
    """An application command object as Discord returns it."""
    body = command.body
    payload: Json = {
        "id": str(command.id),
        "application_id": str(world.application_id),
        "version": str(command.version),
        "type": body.get("type", 1),
        "name": body["name"],
        "description": body.get("description", ""),
        "options": body.get("options", []),
        "default_member_permissions": body.get("default_member_permissions"),
        "dm_permission": body.get("dm_permission", True),
        "nsfw": body.get("nsfw", False),
        "contexts": body.get("contexts"),
        "integration_types": body.get("integration_types", [0]),
        "name_localizations": body.get("name_localizations"),
        "description_localizations": body.get("description_localizations"),
    }
    if command.guild_id:
        payload["guild_id"] = str(command.guild_id)
    return payload


MANAGE_GUILD = 1 << 5


def member_permissions(guild: Guild, user_id: int) -> str:
    """A member's permissions: everyone's, and Manage Server for its owner and managers."""
    manages = user_id == guild.owner_id or user_id in guild.managers
    return str(int(MEMBER_PERMISSIONS) | (MANAGE_GUILD if manages else 0))


def interaction_payload(world: World, interaction: Interaction) -> Json:
    """INTERACTION_CREATE data for a command or a component interaction."""
    channel = world.channel(interaction.channel_id)
    user = world.user(interaction.user_id)
    payload: Json = {
        "id": str(interaction.id),
        "application_id": str(world.application_id),
        "type": interaction.type,
        "data": interaction.data,
        "channel": channel_payload(world, channel),
        "channel_id": str(channel.id),
        "token": interaction.token,
        "version": 1,
        "app_permissions": MEMBER_PERMISSIONS,
        "locale": user.locale,
        "entitlements": [],
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if interaction.guild_id:
        guild = world.guild(interaction.guild_id)
        member = member_payload(world, guild, user.id)
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": guild.preferred_locale, "features": []},
            guild_locale=guild.preferred_locale,
            member={**member, "permissions": member_permissions(guild, user.id)},
            context=0,
            authorizing_integration_owners={"0": str(guild.id)},
        )
    else:
        payload.update(
            user=user_payload(user), context=1, authorizing_integration_owners={"0": "0"}
        )
    if interaction.message_id:
        message = world.messages[interaction.message_id]
        payload["message"] = message_payload(world, message)
    return payload
