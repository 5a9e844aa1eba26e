"""The build: the stage order, one document's pipeline in worker processes, the cache, progress."""
