"""Local stand-ins for every outside service Stash talks to (tests, benchmarks, `stash demo`)."""
