"""The demo branch generator: a deterministic, realistic store for trying the application and for the benchmarks.

It sits above the use cases (it signs staff up and scores through them) and beside the front ends' exports;
nothing in the product depends on it.
"""
