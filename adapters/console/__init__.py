"""A terminal front: chat with Stash on stdin and stdout."""
