"""Benchmarks: a synthetic article corpus (``corpus``) and the timing runner (``run``).

Kept out of the installed packages on purpose: nothing in the bot imports it.
"""
