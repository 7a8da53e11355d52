"""The control surface for files: a user sends or forwards one; how often the bot downloaded it."""

from __future__ import annotations

from sandbox.telegram import actions, files
from sandbox.telegram.control import ControlMixin, UserRef
from sandbox.telegram.model import JSON


class FileControlMixin(ControlMixin):
    """Control methods about files; `token` picks the bot (default: the first token given)."""

    def user_sends_file(
        self,
        user: UserRef,
        kind: str,
        data: bytes,
        *,
        mime_type: str | None = None,
        file_name: str | None = None,
        duration: int | None = None,
        chat_id: int | None = None,
        caption: str | None = None,
        reply_to: int | None = None,
        token: str | None = None,
    ) -> JSON:
        """The user sends a file: video, video_note, audio, voice, document or animation."""
        world = self.world(token)
        stored = files.upload(world.files, kind, data, mime_type=mime_type, file_name=file_name,
                              duration=duration)
        return actions.user_sends(world, self._user(world, user), chat_id=chat_id,
                                  caption=caption, reply_to=reply_to,
                                  media=files.fields(stored))

    def user_forwards(
        self, user: UserRef, message: JSON, *, chat_id: int | None = None,
        token: str | None = None,
    ) -> JSON:
        """The user forwards a message holding a file: the copy carries the same file."""
        world = self.world(token)
        return actions.user_sends(world, self._user(world, user), chat_id=chat_id,
                                  caption=message.get("caption"),
                                  forwarded_from=world.people[message["from"]["id"]].user,
                                  media={k: message[k] for k in files.KINDS if k in message})

    def file_downloads(self, file_unique_id: str, *, token: str | None = None) -> int:
        """How many times the bot downloaded the file with this file_unique_id."""
        return sum(f.downloads for f in self.world(token).files.values()
                   if f.file_unique_id == file_unique_id)


