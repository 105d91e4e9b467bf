"""The store layer: every SQL statement of the project lives in this package.

Functions take a SQLAlchemy `Connection` (the caller owns the transaction)
and plain domain objects; they bind parameters and never build SQL from
strings.
"""
