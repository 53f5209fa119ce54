"""PyTorch tensors to Python numbers: .item(), float(), int(), and the default float dtype."""

import strategies as S
from conformance.claims._model import (EVERY, MULTI_ELEMENT, ONE_ELEMENT, PYTHON_DATA, TORCH_DTYPES, Claim, Narrowed,
                                      Recipe, Said, every_device, one_element_layouts)
from conformance.claims._sources import PYTORCH_TUTORIAL, TORCH_DOCS
from conformance.domains import PYTHON_INPUTS, Domain
from conformance.frameworks import FRAMEWORKS

REAL = Narrowed(S.dtype_names(TORCH_DTYPES, kinds="biuf"), why="Python's float() refuses complex numbers")
GRAD = Narrowed(S.dtype_names(TORCH_DTYPES, kinds="f"), why="the sentence is about tensors that require gradients, "
                "and only floating tensors made from Python numbers can")
DEVICES = every_device("torch")
SINGLE_RANKS = (0, 1, 2, 3, 4)
MULTI_RANKS = (1, 2, 3, 4)
ONE = one_element_layouts("torch")
REAL_LAYOUTS = Narrowed(tuple(name for name in FRAMEWORKS["torch"].layout_names if name != "conj"),
                        why="a conjugate view (conj) is of complex tensors alone, which Python's float() refuses")
ONE_REAL = Narrowed(tuple(name for name in ONE if name != "conj"),
                    why=f"{ONE.why}; a conjugate view (conj) is of complex tensors alone")
SCALARS = f"{PYTORCH_TUTORIAL}, scalar tensors"

CLAIMS = [
    Claim(id="torch.item.scalar_to_python",
          statement="`.item()` on a one-element tensor returns a Python number equal to the element "
                    "(int for integer dtypes, float for floating, and so on)",
          source=f"{SCALARS} (.item())", needs=("torch",),
          quote="将标量张量(元素数量为 1)转换为 Python 数字(int 或 float)",
          domain=Domain(size=ONE_ELEMENT, layout=ONE, dtype=TORCH_DTYPES, rank=SINGLE_RANKS, cover=True,
                        device=DEVICES),
          reproduce=Recipe("x.item()", "type(y) is type(a.item()) and y == a.item()")),
    Claim(id="torch.item.multi_element_raises_valueerror",
          statement="`.item()` on a tensor with more than one element raises ValueError "
                    "\"only one element tensors can be converted to Python scalars\"",
          source=f"{SCALARS} (.item())", needs=("torch",),
          quote="vector_tensor.item()  # 报错:ValueError",
          domain=Domain(dtype=TORCH_DTYPES, layout=EVERY, size=MULTI_ELEMENT, cover=True, device=DEVICES),
          framework_says=Said(f"{TORCH_DOCS}torch.Tensor.item.html", "Returns the value of this tensor as a standard "
                              "Python number. This only works for tensors with one element. For other cases, see "
                              "tolist()."),
          reproduce=Recipe("x.item()", raises="ValueError")),
    Claim(id="torch.item.requires_squeeze",
          statement="a one-element tensor that is not 0-d needs `.squeeze()` before `.item()`",
          source=f"{SCALARS} (summary table)", needs=("torch",),
          quote="单元素但非标量: 先用 .squeeze() 压缩维度,再用 .item()",
          domain=Domain(size=ONE_ELEMENT, layout=ONE, dtype=TORCH_DTYPES, rank=MULTI_RANKS, cover=True, device=DEVICES),
          framework_says=Said(f"{TORCH_DOCS}torch.Tensor.item.html", "Returns the value of this tensor as a standard "
                              "Python number. This only works for tensors with one element. For other cases, see "
                              "tolist()."),
          reproduce=Recipe("x.item()", raises="Exception")),
    Claim(id="torch.item.requires_grad_needs_detach",
          statement="a tensor that tracks gradients needs `.detach()` before `.item()`",
          source=f"{SCALARS} (summary table)", needs=("torch",),
          quote="带梯度的张量: 先 .detach() 分离计算图,再 .item()",
          domain=Domain(size=ONE_ELEMENT, layout=ONE_REAL, dtype=GRAD, rank=SINGLE_RANKS, cover=True, device=DEVICES),
          framework_says=Said(f"{TORCH_DOCS}torch.Tensor.item.html", "Returns the value of this tensor as a standard "
                              "Python number. This only works for tensors with one element. For other cases, see "
                              "tolist()."),
          reproduce=Recipe("x.item()", raises="Exception", setup="x.requires_grad_(True)")),
    Claim(id="torch.float.single_element",
          statement="`float()` and `int()` on a one-element tensor of any shape return the element",
          source=f"{SCALARS} (float()/int())", needs=("torch",),
          quote="value = float(single_element_tensor)  # 5.0(自动压缩维度)",
          domain=Domain(size=ONE_ELEMENT, layout=ONE_REAL, dtype=REAL, rank=SINGLE_RANKS, cover=True),
          reproduce=Recipe("float(x)", "y == float(a.item())")),
    Claim(id="torch.float.multi_element_raises_valueerror",
          statement="`float()` on a tensor with more than one element raises ValueError",
          source=f"{SCALARS} (float()/int())", needs=("torch",),
          quote="float(vector_tensor)  # 报错:ValueError",
          domain=Domain(dtype=REAL, layout=REAL_LAYOUTS, size=MULTI_ELEMENT, cover=True, device=DEVICES),
          reproduce=Recipe("float(x)", raises="ValueError")),
    Claim(id="torch.float.requires_cpu_no_grad",
          statement="`float()` requires the tensor to be on the CPU and not to track gradients",
          source=f"{SCALARS} (float()/int())", needs=("torch",), quote="要求:张量必须在 CPU 上且无梯度跟踪",
          domain=Domain(size=ONE_ELEMENT, layout=ONE_REAL, dtype=GRAD, rank=SINGLE_RANKS, cover=True, device=DEVICES),
          reproduce=Recipe("float(x)", raises="Exception", setup="x.requires_grad_(x.device.type == 'cpu')")),
    Claim(id="dtype.default_float.torch",
          statement="PyTorch's default floating dtype is float32: a tensor built from Python floats is float32, "
                    "whether they come as a scalar, a flat or nested list, or a tuple",
          source=f"{PYTORCH_TUTORIAL}, data type consistency (float32 ↔ np.float32)", needs=("torch",),
          domain=Domain(**PYTHON_DATA, input=PYTHON_INPUTS, device=DEVICES)),
]
