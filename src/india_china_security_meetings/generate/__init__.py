"""Generators of derived files. Generators never validate; validators never write."""
