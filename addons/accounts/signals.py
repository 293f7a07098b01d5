from .services import role_groups_ensure


def ensure_roles_after_migrate(sender, **kwargs) -> None:
    """Role groups exist in every database, the test databases included."""
    role_groups_ensure()
