"""TensorFlow: eager tensors on the CPU and on each GPU, produced by its own ops (constant, transpose, slicing)."""

import ctypes

import numpy as np

import strategies as S
from conformance.frameworks._model import ConversionPath, Framework, Layout, span, span_of
from conformance.upstream import Upstream

CAPSULE = "tf.experimental.dlpack.from_dlpack(x.__dlpack__())"
# TensorFlow 2.15's DLPack import refuses bool (kDLBool), which torch and NumPy export: what upstream knows of it, for
# the claims that meet it (``Upstream.at`` gives each its cases).
DLPACK_BOOL = Upstream(
    outcome="raises InvalidArgumentError", act="tf",
    searched="tensorflow/tensorflow's issues and pull requests for «tf.experimental.dlpack.from_dlpack bool tensor "
             "InvalidArgumentError unsupported type code kDLBool», «tensorflow dlpack bool support "
             "TfDataTypeFormDlDataType kDLBool»",
    note="https://github.com/dmlc/dlpack/issues/75 (closed) added kDLBool to DLPack; this TensorFlow's dlpack.cc has "
         "no case for it",
    fixed_in="between TensorFlow 2.15.1 and 2.19.1 (bool no longer fails in the 2.19.1 sets); which release and pull "
             "request is not established")


class _DLTensor(ctypes.Structure):
    """The head of a DLManagedTensor (dlpack.h): where a tensor's elements are, on its own device."""
    _fields_ = [("data", ctypes.c_void_p), ("device_type", ctypes.c_int32), ("device_id", ctypes.c_int32),
                ("ndim", ctypes.c_int32), ("code", ctypes.c_uint8), ("bits", ctypes.c_uint8),
                ("lanes", ctypes.c_uint16), ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("strides", ctypes.POINTER(ctypes.c_int64)), ("byte_offset", ctypes.c_uint64)]


_CAPSULE_POINTER = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.py_object, ctypes.c_char_p)(
    ("PyCapsule_GetPointer", ctypes.pythonapi))


def _dlpack_range(tf, x) -> tuple[int, int]:
    """[start, end) of a tensor's elements as its own DLPack export gives them: the device pointer of a GPU tensor,
    where a memoryview would be a host copy. The capsule is never consumed; dropping it releases the export."""
    return _dlpack_head(tf, x)[1]


def _dlpack_head(tf, x) -> tuple[int, tuple[int, int]]:
    """(DLPack device type, [start, end)) of a tensor's own DLPack export."""
    capsule = tf.experimental.dlpack.to_dlpack(x)
    head = _DLTensor.from_address(_CAPSULE_POINTER(capsule, b"dltensor"))
    itemsize = head.bits * head.lanes // 8
    shape = tuple(head.shape[i] for i in range(head.ndim))
    if head.strides:
        strides = tuple(head.strides[i] * itemsize for i in range(head.ndim))
    else:
        strides = tuple(int(np.prod(shape[i + 1:], dtype=np.int64)) * itemsize for i in range(head.ndim))
    found = head.device_type, span((head.data or 0) + head.byte_offset, shape, strides, itemsize)
    del capsule
    return found


def _native(device: str) -> str:
    return "/CPU:0" if device == "cpu" else f"/GPU:{device.split(':')[1]}"


LAYOUTS = (
    Layout("constant", "tf.constant(a)"),
    Layout("transposed", "tf.transpose(tf.constant(np.ascontiguousarray(np.transpose(a))))", min_dims=2,
           needs_elements=True),
    Layout("step-sliced", "tf.constant(interleaved(a))[..., ::2]", min_dims=1, needs_elements=True, min_last=2),
    Layout("offset", "tf.reshape(tf.constant(shifted(a))[1:], a.shape)", needs_elements=True),
    Layout("broadcast", "tf.broadcast_to(tf.constant(a), (2,) + a.shape)", "np.broadcast_to(a, (2,) + a.shape)"),
)


class TensorFlow(Framework):
    key = "tf"
    order = 2
    module_name = "tensorflow"
    distributions = ("tensorflow", "tensorflow-cpu", "tensorflow-gpu")
    label = "TensorFlow"
    dtypes = S.NUMERIC_DTYPES  # tf.dtypes.as_dtype maps every NumPy numeric dtype
    layouts = LAYOUTS
    device_kinds = ("cpu", "cuda")
    type_modules = ("tensorflow",)
    imports = "import tensorflow as tf"
    names = ('tf',)
    dlpack = CAPSULE
    # 0 turns off the oneDNN kernels that TensorFlow runs by default on x86 ("You may see slightly different numerical
    # results due to floating-point round-off errors from different computation orders", its import-time notice).
    dispatch_variables = ("TF_ENABLE_ONEDNN_OPTS",)
    paths = (
        ConversionPath("tf.constant", "tf", "tf.constant(x)", producers=("numpy",)),
        ConversionPath("tf.convert_to_tensor", "tf", "tf.convert_to_tensor(x)"),
        ConversionPath(CAPSULE, "tf", CAPSULE),
        ConversionPath("t.numpy()", "numpy", "x.numpy()", producers=("tf",)),
        ConversionPath("torch.from_dlpack(tf...to_dlpack(t))", "torch",
                       "torch.from_dlpack(tf.experimental.dlpack.to_dlpack(x))", producers=("tf",)),
    )

    def namespace(self, module) -> dict:
        return {"tf": module}

    def dtype_name(self, x) -> str:
        return np.dtype(x.dtype.as_numpy_dtype).name

    def devices(self, kind: str) -> list[str]:
        if kind == "cpu":
            return ["cpu"]
        if kind != "cuda":
            return []
        return [f"cuda:{i}" for i, _ in enumerate(self.load().config.list_physical_devices("GPU"))]

    def device_of(self, x) -> str:
        kind, _, index = x.device.rsplit("device:", 1)[-1].partition(":")
        return "cpu" if kind == "CPU" else f"cuda:{index}"

    def on(self, device: str):
        return self.load().device(_native(device))

    def settle(self, x, device: str):
        return x if device == "cpu" else self.load().identity(x)

    def settle_code(self, code: str, device: str) -> str:
        return code if device == "cpu" else f"tf.identity({code})"

    def context_code(self, device: str) -> str:
        return f"tf.device({_native(device)!r})"

    def native(self, device: str) -> str:
        return _native(device)

    def dlpack_function(self, tf):
        return lambda x, **kwargs: tf.experimental.dlpack.from_dlpack(x.__dlpack__(**kwargs))

    def to_numpy(self, x) -> np.ndarray:
        return x.numpy()

    def byte_range(self, x) -> tuple[int, int]:
        """On the CPU, through the tensor's zero-copy memoryview; on a GPU, from its DLPack export."""
        if self.device_of(x) == "cpu":
            return span_of(np.asarray(memoryview(x)))
        return _dlpack_range(self.load(), x)

    def address_space(self, x) -> str:
        """A GPU tensor's memory can be on the host: TF keeps int32 GPU tensors there (tensorflow#41307); its
        DLPack export says which (device type 1, kDLCPU)."""
        if self.device_of(x) == "cpu":
            return "host"
        try:
            return "host" if _dlpack_head(self.load(), x)[0] == 1 else self.device_of(x)
        except Exception:  # a dtype DLPack cannot export: the tensor's own device it is
            return self.device_of(x)

    def synchronize(self, x) -> None:
        if self.device_of(x) != "cpu":
            self.load().experimental.sync_devices()  # TensorFlow 2.14 and later


FRAMEWORK = TensorFlow()
