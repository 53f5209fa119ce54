"""The machinery behind the claims: a pytest plugin of hooks only, and the plain functions it calls."""
