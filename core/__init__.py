"""The domain of Stash: links, models, ports, pipeline, matching, errors. Standard library only."""
