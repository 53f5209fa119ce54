import importlib.util

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from strategies._validate import check_bool


def cuda_device_names() -> list[str]:
    """``["cuda:0", ...]`` for every CUDA device PyTorch sees; empty without torch or CUDA."""
    if importlib.util.find_spec("torch") is None:
        return []
    import torch

    if not torch.cuda.is_available():
        return []
    return [f"cuda:{i}" for i in range(torch.cuda.device_count())]


def devices(*, include_cpu: bool = True, include_cuda: bool = True) -> st.SearchStrategy[str]:
    """Device names: "cpu" plus every CUDA device present.

    Domain: "cpu" (if ``include_cpu``) and "cuda:N" for each device that
    :func:`cuda_device_names` reports (if ``include_cuda``). Asking for CUDA
    alone on a machine without CUDA is an error, so that an empty device list
    never passes silently.
    """
    check_bool("include_cpu", include_cpu)
    check_bool("include_cuda", include_cuda)
    names = (["cpu"] if include_cpu else []) + (cuda_device_names() if include_cuda else [])
    if not names:
        raise InvalidArgument("no device to draw: include_cpu is False and no CUDA device is present")
    return st.sampled_from(names)
