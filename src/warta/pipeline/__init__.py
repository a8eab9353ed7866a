"""Steps over record iterators, and the executors that run them (local and Dask)."""
