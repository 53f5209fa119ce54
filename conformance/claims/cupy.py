"""CuPy's own device sentences: arrays live on CUDA devices only, so every case runs on each CUDA device present
and is skipped with "no CUDA device" without one. CuPy as a producer or consumer of other frameworks' arrays is in
the devices topic and the conversion matrix."""

from conformance.claims._model import ALIASING_SIZES, EVERY, Claim
from conformance.claims._sources import CUPY_DOCS
from conformance.domains import Domain

GPU = ("cuda",)  # CuPy has no other device

CLAIMS = [
    Claim(id="cupy.asarray.no_copy_on_device",
          statement="`cupy.asarray(x)` of a CuPy array already on the current device returns it without copying",
          source=f"{CUPY_DOCS}cupy.asarray.html", needs=("cupy",),
          quote="cupy.ndarray: An array on the current device. If ``a`` is already on the device, no copy is "
                "performed.", domain=Domain(dtype=EVERY, layout=EVERY, size=ALIASING_SIZES, device=GPU, cover=True)),
    Claim(id="cupy.asnumpy.host_copy",
          statement="`cupy.asnumpy(x)` gives an ndarray in host memory with `x`'s values",
          source=f"{CUPY_DOCS}cupy.asnumpy.html", needs=("cupy",),
          quote="Returns an array on the host memory from an arbitrary source array.",
          domain=Domain(dtype=EVERY, layout=EVERY, size=ALIASING_SIZES, device=GPU, cover=True)),
]
