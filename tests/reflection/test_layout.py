"""Reflection's pages and writes are told apart by name: a view never shares a service's name."""

import importlib
import inspect
import pkgutil

import reflection.services
import reflection.views


def public_functions(package) -> dict[str, set[str]]:
    """Public functions defined in each module of `package`, by module name."""
    found = {}
    for module in pkgutil.iter_modules(package.__path__, prefix=f"{package.__name__}."):
        loaded = importlib.import_module(module.name)
        found[module.name] = {
            name
            for name, f in inspect.getmembers(loaded, inspect.isfunction)
            if f.__module__ == loaded.__name__ and not name.startswith("_")
        }
    return found


def test_it_names_no_view_as_a_service():
    views = set().union(*public_functions(reflection.views).values())
    services = set().union(*public_functions(reflection.services).values())
    assert {"create", "decide", "agree", "library"} <= views
    assert {"proposal_create", "proposal_decide", "session_create", "case_update"} <= services
    assert views & services == set()


def test_the_views_are_split_by_kind_of_page():
    assert set(public_functions(reflection.views)) >= {
        "reflection.views.sessions", "reflection.views.cases", "reflection.views.proposals",
        "reflection.views.review", "reflection.views.deputies",
    }  # fmt: skip
