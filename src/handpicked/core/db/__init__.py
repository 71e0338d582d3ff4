"""The workspace's SQLite database: opening it, its schema and migrations, and transactions.

SQL lives here and in the workflow packages' `store` modules only. Faces import this surface.
"""

from handpicked.core.db.connection import DB_NAME, Workspace, database_problem, default_home
from handpicked.core.db.schema import MIGRATIONS, migrate
from handpicked.core.db.transaction import transaction

__all__ = [
    "DB_NAME",
    "MIGRATIONS",
    "Workspace",
    "database_problem",
    "default_home",
    "migrate",
    "transaction",
]
