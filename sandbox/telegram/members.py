"""getChatMember: who may manage a group (its creator and administrators) and who is a member."""

from __future__ import annotations

from sandbox.telegram import errors
from sandbox.telegram.errors import bad_request
from sandbox.telegram.model import JSON
from sandbox.telegram.params import Params
from sandbox.telegram.world import BotWorld

USER_NOT_FOUND = "Bad Request: user not found"
# The rights an administrator object always lists (all given: the stand-in's admins may do all).
_RIGHTS = ("can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
           "can_restrict_members", "can_promote_members", "can_change_info",
           "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories")


async def get_chat_member(world: BotWorld, p: Params) -> JSON:
    """A ChatMember: "creator", "administrator" (as the stand-in was told) or "member"."""
    chat = world.chats.get(p.integer("chat_id") or 0)
    if chat is None:
        raise bad_request(errors.CHAT_NOT_FOUND)
    user_id = p.integer("user_id") or 0
    person = world.people.get(user_id)
    if person is None:
        raise bad_request(USER_NOT_FOUND)
    status = chat.admins.get(user_id, "member")
    member: JSON = {"status": status, "user": person.user.to_api()}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update({"is_anonymous": False, **{right: True for right in _RIGHTS}})
    return member
