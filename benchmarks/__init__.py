"""Speed benchmarks for the recommenders library (`python -m benchmarks.recommender`)."""
