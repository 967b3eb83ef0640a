from patterns.classifier.categories import CATEGORIES


def categories(request) -> dict:
    """The fixed list of categories, for the "add a sign" menus (no query)."""
    return {"categories": CATEGORIES}
