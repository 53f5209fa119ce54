"""Where claims come from: the three seed documents (third-party tutorials) and the frameworks' own documentation.

A claim's ``source`` starts with a seed's reference (``SEEDS``) when its sentence comes from a tutorial, and with a
URL of the official documentation or a standard otherwise; :func:`source_kind` tells them apart, so that a finding
on a tutorial's sentence is addressed to the tutorial, never filed against a framework as a bug.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Seed:
    """A third-party document the suite measures: what it is, and where a reader can follow it. ``url`` is its
    address on the web, where one is known; ``path`` is its text as the suite keeps it, in this repository (and in
    the package), so that a reader can follow a tutorial that has no address."""

    file: str
    title: str
    what: str
    url: str = ""

    @property
    def path(self) -> str:
        return f"conformance/claims/seeds/{self.file}"

    @property
    def reference(self) -> str:
        where = self.url or f"no address on the web; its text: {self.path}"
        return f"«{self.title}», {self.what} ({where})"


SEEDS = {
    "pytorch": Seed("001_61c089512c5ffbe2.txt", "PyTorch使用-张量类型转换 (Using PyTorch: tensor type "
                    "conversion)", "a Chinese PyTorch tutorial (blog post) on converting tensors to and from NumPy "
                    "and Python scalars"),
    "tf_notebook": Seed("000_31b8f74e1c9a8102.txt", "TensorFlow张量与NumPy互操作 (TensorFlow tensors and NumPy "
                        "interop)", "a Chinese Jupyter notebook tutorial on TensorFlow/NumPy conversion"),
    "tf_deep_dive": Seed("002_f13cecea43a35e46.txt", "Numpy interoperability in TensorFlow - Deep Dive",
                         "an English TensorFlow tutorial page (a 15-minute lesson)",
                         "https://leyaa.ai/codefly/learn/tensorflow/part-1/tensorflow-numpy-interoperability/deep"),
}
PYTORCH_TUTORIAL = f"seed {SEEDS['pytorch'].reference}"
TF_NOTEBOOK = f"seed {SEEDS['tf_notebook'].reference}"
TF_DEEP_DIVE = f"seed {SEEDS['tf_deep_dive'].reference}"
TORCH_DOCS = "https://pytorch.org/docs/stable/generated/"
TF_DOCS = "https://www.tensorflow.org/"
NUMPY_DOCS = "https://numpy.org/doc/stable/reference/generated/"
JAX_DOCS = "https://docs.jax.dev/en/latest/"
DLPACK_DOCS = "https://dmlc.github.io/dlpack/latest/python_spec.html"
ARRAY_API = "https://data-apis.org/array-api/latest/"
ARRAY_API_FUNCTIONS = f"{ARRAY_API}API_specification/generated/"
JAX_API = f"{JAX_DOCS}_autosummary/"
CUPY_DOCS = "https://docs.cupy.dev/en/stable/reference/generated/"
CUDA_ARRAY_INTERFACE = "https://numba.readthedocs.io/en/stable/cuda/cuda_array_interface.html"


def source_kind(source: str) -> str:
    """"tutorial" for a seed's sentence (a third party's text), "docs" for the official documentation or a standard
    the framework implements (the DLPack and array API specifications)."""
    return "tutorial" if source.startswith("seed ") else "docs"


def seed_of(source: str) -> Seed | None:
    return next((seed for seed in SEEDS.values() if source.startswith(f"seed {seed.reference}")), None)
