from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument


def devices(names: Sequence[str]) -> st.SearchStrategy[str]:
    """Device names drawn from ``names`` (e.g. what a library reports present: ``["cpu", "cuda:0"]``).

    An empty list is an error, so that a machine without the devices a test asks for never passes silently.
    """
    if isinstance(names, str) or not all(isinstance(name, str) and name for name in names):
        raise InvalidArgument(f"names={names!r} must be a sequence of device names")
    if not names:
        raise InvalidArgument("no device to draw: the list of devices is empty")
    return st.sampled_from(list(names))
