"""GPU claims: they run on every CUDA device present and are skipped with "no CUDA device" otherwise."""

import strategies as S
from conformance.claims._model import (ALIASING_SIZES, EVERY, GPU, NUMPY_LAYOUTS, ONE_ELEMENT, TF_DTYPES, TORCH_DTYPES, Claim,
                                      Narrowed, Recipe, one_element_layouts)
from conformance.claims._sources import PYTORCH_TUTORIAL, TF_DEEP_DIVE, TF_NOTEBOOK, TORCH_DOCS
from conformance.domains import Domain

NUMBERS = "the tutorial's sentences are about tensors of numbers (its examples are float tensors): a bool holds none"
NUMBER_DTYPES = Narrowed(S.dtype_names(TORCH_DTYPES, kinds="iufc"), why=NUMBERS)
# A tensor the test makes on the GPU: every layout torch makes there, each met by a schedule (torch makes them alike on
# every dtype: no dtype × layout interplay is in question).
NUMERIC = Domain(dtype=NUMBER_DTYPES, layout=EVERY, size=ALIASING_SIZES, device=GPU, cover=True)
ANY_TENSOR = Domain(dtype=EVERY, layout=EVERY, size=ALIASING_SIZES, device=GPU, cover=True)
# An ndarray the test hands to torch for the GPU: every placement NumPy has, with every dtype (byte order and
# alignment meet multi-byte dtypes alone, and torch.tensor has crashed on one dtype × placement: the full product).
FROM_NDARRAY = Domain(dtype=NUMBER_DTYPES, layout=NUMPY_LAYOUTS, size=ALIASING_SIZES, device=GPU)
ANY_NDARRAY = Domain(dtype=EVERY, layout=NUMPY_LAYOUTS, size=ALIASING_SIZES, device=GPU)
# A scalar, as the tutorial's scalar section has it: a tensor of one element, of any rank and dtype.
SCALARS = Domain(dtype=EVERY, layout=one_element_layouts("torch"), size=ONE_ELEMENT, rank=(0, 1, 2, 3, 4), device=GPU,
                 cover=True)
# perf.gpu_float32_faster compares the arithmetic of two dtypes it names, on operands it sizes for arithmetic.
ARITHMETIC = Domain(
    device=GPU,
    dtype=Narrowed((), why="the sentence compares float32 with float64, which it names: each trial times both"),
    layout=Narrowed((), why="the sentence is about the dtypes' arithmetic: the test multiplies contiguous matrices, "
                    "the operands a GPU's matrix product reads at full speed"),
    size=Narrowed((), why="the sentence is about arithmetic throughput: the test times a 4096×4096 matrix product, "
                  "large enough that arithmetic, not the kernel launch, takes the time (a small product times the "
                  "launch, the same for both dtypes)"))

CLAIMS = [
    Claim(id="torch.numpy.cuda_raises", statement="`.numpy()` on a CUDA tensor raises RuntimeError",
          source=f"{PYTORCH_TUTORIAL}, GPU tensors", needs=("torch",),
          quote="except RuntimeError as e: print(\"错误:\", e)  # 需先将张量移至 CPU", domain=NUMERIC,
          reproduce=Recipe("x.numpy()", raises="RuntimeError")),
    Claim(id="torch.cpu.numpy_roundtrip",
          statement="`.cpu().numpy()` on a CUDA tensor gives its values, and the array shares memory with the CPU "
                    "tensor",
          source=f"{PYTORCH_TUTORIAL}, GPU tensors", needs=("torch",),
          quote="numpy_array = tensor_cpu.numpy()  # 共享内存", domain=NUMERIC),
    Claim(id="torch.from_numpy.cuda_copies",
          statement="`torch.from_numpy(a).cuda()` copies to the GPU and shares no memory with `a`",
          source=f"{PYTORCH_TUTORIAL}, creating tensors on the GPU", needs=("torch",),
          quote="复制到 GPU,不共享内存", domain=FROM_NDARRAY,
          reproduce=Recipe("torch.from_numpy(x).cuda({device})", "shares(x, y, independent=True)")),
    Claim(id="torch.tensor.device_cuda",
          statement="`torch.tensor(a, device=\"cuda\")` creates the tensor on the GPU with `a`'s values",
          source=f"{PYTORCH_TUTORIAL}, creating tensors on the GPU", needs=("torch",), domain=FROM_NDARRAY,
          reproduce=Recipe("torch.tensor(x, device={device})", "y.is_cuda and np.array_equal(values(y), a)")),
    Claim(id="torch.item.cuda_needs_cpu", statement="a CUDA scalar needs `.cpu()` before `.item()`",
          source=f"{PYTORCH_TUTORIAL}, scalar tensors (summary table)", needs=("torch",),
          quote="GPU上的张量: 先 .cpu() 移动到 CPU,再 .item()", domain=SCALARS,
          reproduce=Recipe("x.item()", raises="Exception")),
    Claim(id="torch.numpy.force_cuda",
          statement="`t.numpy(force=True)` on a CUDA tensor returns its values in a host array",
          source=f"{TORCH_DOCS}torch.Tensor.numpy.html", needs=("torch",),
          quote="If the tensor isn't on the CPU or the conjugate or negative bit is set, the tensor won't share its "
                "storage", domain=ANY_TENSOR,
          reproduce=Recipe("x.numpy(force=True)", "isinstance(y, np.ndarray) and np.array_equal(y, a)")),
    Claim(id="torch.np_asarray.cuda_raises", statement="`np.asarray(t)` of a CUDA tensor raises TypeError",
          source=f"{TORCH_DOCS}torch.Tensor.numpy.html (the conversion is performed only if the tensor is on the CPU)",
          needs=("torch",), domain=ANY_TENSOR, reproduce=Recipe("np.asarray(x)", raises="TypeError")),
    Claim(id="torch.asarray.cuda_copy_false_raises",
          statement="`torch.asarray(a, device=\"cuda\", copy=False)` of an ndarray raises, since a copy is needed",
          source=f"{TORCH_DOCS}torch.asarray.html", needs=("torch",),
          quote="If False then the returned tensor shares its memory with obj and an error is thrown if it cannot.",
          domain=ANY_NDARRAY, reproduce=Recipe("torch.asarray(x, device={device}, copy=False)", raises="Exception")),
    Claim(id="tf.numpy.gpu_copies", statement="converting a tensor on a GPU to NumPy copies data to the host",
          source=f"{TF_NOTEBOOK} §5; {TF_DEEP_DIVE} myth 3", needs=("tf",),
          quote="GPU上的张量转换为NumPy时必须复制数据",
          domain=Domain(dtype=Narrowed(S.dtype_names(TF_DTYPES, kinds="iufc"), why=NUMBERS), layout=EVERY,
                        size=ALIASING_SIZES, device=GPU, cover=True)),
    Claim(id="perf.gpu_float32_faster", statement="on a GPU, float32 computation is 2–8× faster than float64",
          source=f"{TF_NOTEBOOK} §3", needs=("torch",), quote="`float32`在GPU上的计算速度通常是`float64`的2-8倍",
          domain=ARITHMETIC, machine_dependent=True),
]
