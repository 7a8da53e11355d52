"""The JSON shapes Discord sends for users, members, channels and guilds."""

from __future__ import annotations

from sandbox.discord.model import (
    CHANNEL_DM,
    Channel,
    Guild,
    Json,
    User,
)
from sandbox.discord.world import World

# View, send, read history, embed links, use application commands, and so on.
MEMBER_PERMISSIONS = "2248473465835073"


def user_payload(user: User) -> Json:
    """A user object."""
    payload: Json = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": user.discriminator,
        "global_name": user.global_name,
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
        "collectibles": None,
    }
    if user.bot:
        payload["bot"] = True
    return payload


def me_payload(user: User) -> Json:
    """GET /users/@me for a bot account."""
    return {**user_payload(user), "verified": True, "mfa_enabled": False, "locale": "en-US"}


def member_payload(world: World, guild: Guild, user_id: int, *, with_user: bool = True) -> Json:
    """A guild member object (without `user` inside MESSAGE_CREATE)."""
    payload: Json = {
        "roles": [],
        "nick": None,
        "avatar": None,
        "banner": None,
        "joined_at": guild.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if with_user:
        payload["user"] = user_payload(world.user(user_id))
    return payload


def channel_payload(world: World, channel: Channel) -> Json:
    """A channel object: guild text channel or DM."""
    last = str(channel.last_message_id) if channel.last_message_id else None
    if channel.type == CHANNEL_DM:
        recipient = world.user(channel.recipient_id or 0)
        return {
            "id": str(channel.id),
            "type": CHANNEL_DM,
            "last_message_id": last,
            "flags": 0,
            "recipients": [user_payload(recipient)],
        }
    guild = world.guild(channel.guild_id or 0)
    return {
        "id": str(channel.id),
        "type": channel.type,
        "guild_id": str(guild.id),
        "name": channel.name,
        "position": guild.channel_ids.index(channel.id),
        "permission_overwrites": [],
        "topic": None,
        "nsfw": False,
        "last_message_id": last,
        "rate_limit_per_user": 0,
        "parent_id": None,
        "flags": 0,
    }


def guild_create_payload(world: World, guild: Guild) -> Json:
    """GUILD_CREATE: the guild with its channels and members (the gateway trims them by intent)."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": guild.preferred_locale,
        "system_channel_id": str(guild.channel_ids[0]) if guild.channel_ids else None,
        "features": [],
        "roles": [_everyone_role(guild)],
        "emojis": [],
        "stickers": [],
        "joined_at": guild.joined_at,
        "large": False,
        "unavailable": False,
        "member_count": len(guild.member_ids),
        "members": [member_payload(world, guild, uid) for uid in guild.member_ids],
        "channels": [channel_payload(world, world.channel(cid)) for cid in guild.channel_ids],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def _everyone_role(guild: Guild) -> Json:
    return {
        "id": str(guild.id),
        "name": "@everyone",
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": 0,
        "permissions": MEMBER_PERMISSIONS,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
