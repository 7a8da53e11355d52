"""Distributed mode: identification jobs on Redis through saq (fronts enqueue, workers run)."""
