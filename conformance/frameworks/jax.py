"""JAX: arrays on the CPU, on virtual CPU devices (two, turned on at first load) and on each GPU."""

import strategies as S
from conformance.frameworks._model import ConversionPath, Framework, Layout

VIRTUAL_CPUS = 2
WIDE = ("int64", "uint64", "float64", "complex128")


def _native(jax, device: str):
    platform, _, index = device.partition(":")
    return jax.devices("cpu" if platform == "cpu" else "gpu")[int(index or 0)]


LAYOUTS = (
    Layout("array", "jnp.asarray(a)"),
    Layout("transposed", "jnp.transpose(jnp.asarray(np.ascontiguousarray(np.transpose(a))))", min_dims=2,
           needs_elements=True),
    Layout("step-sliced", "jnp.asarray(interleaved(a))[..., ::2]", min_dims=1, needs_elements=True, min_last=2),
    Layout("offset", "jnp.reshape(jnp.asarray(shifted(a))[1:], a.shape)", needs_elements=True),
    Layout("broadcast", "jnp.broadcast_to(jnp.asarray(a), (2,) + a.shape)", "np.broadcast_to(a, (2,) + a.shape)"),
)


class Jax(Framework):
    key = "jax"
    order = 3
    module_name = "jax"
    distributions = ("jax",)
    label = "JAX"
    # jax.numpy's numeric dtypes (docs: "Supported data types"), NumPy's list; with jax_enable_x64 off (the default)
    # the 64-bit ones are stored as their 32-bit counterparts, so it keeps only the others.
    dtypes = S.NUMERIC_DTYPES
    kept = tuple(name for name in S.NUMERIC_DTYPES if name not in WIDE)
    layouts = LAYOUTS
    device_kinds = ("cpu", "virtual", "cuda")
    type_modules = ("jax", "jaxlib")
    imports = "import jax\nimport jax.numpy as jnp"
    names = ('jax', 'jnp')
    dlpack = "jnp.from_dlpack(x)"
    paths = (
        ConversionPath("jnp.asarray", "jax", "jnp.asarray(x)"),
        ConversionPath("jnp.array", "jax", "jnp.array(x)", producers=("numpy",)),
        # jnp.from_dlpack of a torch tensor at an 8-byte offset segfaulted in JAX 0.4.34 on a CPU without AVX2
        ConversionPath("jnp.from_dlpack", "jax", "jnp.from_dlpack(x)",
                       upstream=("https://github.com/jax-ml/jax/pull/37303 (related, open: validate a DLPack data "
                                 "pointer and its alignment before importing it)",)),
        ConversionPath("jax.device_put", "jax", "jax.device_put(x)", producers=("numpy",)),
        ConversionPath("jnp.from_dlpack(x, device=CPU)", "jax", 'jnp.from_dlpack(x, device=jax.devices("cpu")[0])',
                       off_host=True),
        ConversionPath("jax.device_put(x, CPU)", "jax", 'jax.device_put(x, jax.devices("cpu")[0])', producers=("jax",),
                       off_host=True),
        ConversionPath("jax.device_get", "numpy", "jax.device_get(x)", producers=("jax",), off_host=True),
    )

    def namespace(self, module) -> dict:
        return {"jax": module, "jnp": module.numpy}

    def configure(self, jax) -> None:
        """Two virtual CPU devices, so that the multi-device paths run on every machine (JAX 0.4.38 and later;
        it must happen before JAX starts its backends, and older releases lack the option)."""
        try:
            jax.config.update("jax_num_cpu_devices", VIRTUAL_CPUS)
        except (AttributeError, RuntimeError, ValueError):
            pass

    def devices(self, kind: str) -> list[str]:
        jax = self.load()
        if kind == "cpu":
            return ["cpu"]
        if kind == "virtual":
            return [f"cpu:{i}" for i in range(1, len(jax.devices("cpu")))]
        try:
            return [f"cuda:{i}" for i, _ in enumerate(jax.devices("gpu"))]
        except RuntimeError:
            return []

    def native(self, device: str):
        return _native(self.load(), device)

    def dlpack_function(self, jax):
        return jax.numpy.from_dlpack

    def place(self, x, device: str):
        return self.load().device_put(x, self.native(device))

    def device_of(self, x) -> str:
        jax = self.load()
        device = next(iter(x.devices()))
        if device.platform == "cpu":
            return "cpu" if device.id == 0 else f"cpu:{jax.devices('cpu').index(device)}"
        return f"cuda:{jax.devices('gpu').index(device)}"

    def on(self, device: str):
        return self.load().default_device(self.native(device))

    def device_code(self, device: str) -> str:
        platform, _, index = device.partition(":")
        return f"jax.devices({'cpu' if platform == 'cpu' else 'gpu'!r})[{index or 0}]"

    def script_setup(self, device: str) -> list[str]:
        return [f"jax.config.update('jax_num_cpu_devices', {VIRTUAL_CPUS})"] if device.startswith("cpu:") else []

    def context_code(self, device: str) -> str:
        return f"jax.default_device({self.device_code(device)})"

    def to_numpy(self, x):
        """np.asarray of an array on a GPU keeps the host copy it makes inside the array and returns it again
        later, so a write through another framework's alias would never show; off the host, copy afresh."""
        if self.address_space(x) == "host":
            return super().to_numpy(x)
        return super().to_numpy(self.load().numpy.array(x, copy=True))

    def byte_range(self, x) -> tuple[int, int]:
        start = x.unsafe_buffer_pointer()
        return start, start + x.nbytes

    def address_space(self, x) -> str:
        device = self.device_of(x)
        return "host" if device.startswith("cpu") else device

    def synchronize(self, x) -> None:
        x.block_until_ready()


FRAMEWORK = Jax()
