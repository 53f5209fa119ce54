"""PyTorch <-> NumPy with tensors that track gradients."""

import strategies as S
from conformance.claims._model import ALIASING_SIZES, EVERY, HOST, TORCH_DTYPES, Claim, Narrowed, Recipe, Said
from conformance.claims._sources import PYTORCH_TUTORIAL, TORCH_DOCS
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS
from conformance.upstream import Upstream


GRAD_DTYPES = Narrowed(S.dtype_names(TORCH_DTYPES, kinds="fc"), why="only floating and complex tensors can require "
                       "gradients")
ON_HOST = Narrowed(HOST, why=f"{HOST.why}: .numpy() of a tensor needs it on the CPU")
GRAD = Domain(dtype=GRAD_DTYPES, layout=EVERY, size=ALIASING_SIZES, device=ON_HOST, cover=True)

CLAIMS = [
    Claim(id="torch.numpy.requires_grad_raises",
          statement="`.numpy()` on a tensor with `requires_grad=True` raises RuntimeError",
          source=f"{PYTORCH_TUTORIAL}, Tensor → NumPy (gradients)", needs=("torch",),
          quote="若张量带有梯度(requires_grad=True),需先分离计算图", domain=GRAD,
          reproduce=Recipe("x.numpy()", raises="RuntimeError", setup="x.requires_grad_(True)")),
    Claim(id="torch.detach.numpy_is_independent",
          statement="example 4: writing into `x.detach().numpy()` leaves `x` unchanged",
          source=f"{PYTORCH_TUTORIAL}, Tensor → NumPy, example 4", needs=("torch",),
          quote="numpy_detached[0] = 5.0; print(x)  # tensor([3.], requires_grad=True)", domain=GRAD,
          framework_says=Said(f"{TORCH_DOCS}torch.Tensor.detach.html", "Returned Tensor shares the same storage "
                              "with the original one. In-place modifications on either of them will be seen, and may "
                              "trigger errors in correctness checks."),
          known=(Upstream(where=("layout=conj|neg",), outcome="raises RuntimeError",
                          links=("https://github.com/pytorch/pytorch/pull/61925 (Tensor.numpy() raises RuntimeError on "
                                 "a tensor with the conjugate or negative bit set)",),
                          note="by design: the tutorial's example is a plain tensor, and a conjugate or negative view "
                               "must be resolved first (resolve_conj(), resolve_neg(), or numpy(force=True))"),),
          reproduce=Recipe("x.detach().numpy()", "shares(x, y, independent=True)",
                           setup="x.requires_grad_(True)")),
    Claim(id="torch.tensor.requires_grad_gradient",
          statement="with `x = torch.tensor(a, requires_grad=True)`, the gradient of `x**2` is `2x`",
          source=f"{PYTORCH_TUTORIAL}, NumPy → Tensor (gradients)", needs=("torch",),
          quote="print(x_tensor.grad)  # 输出: tensor([6.])",
          domain=Domain(dtype=Narrowed(S.dtype_names(TORCH_DTYPES, kinds="f"),
                                       why="x**2's gradient is 2x for real floats; a complex tensor needs a real loss"),
                        layout=Narrowed(tuple(name for name in FRAMEWORKS["torch"].layout_names if name != "conj"),
                                        why="a conjugate view (conj) is of complex tensors alone"),
                        size=ALIASING_SIZES, cover=True)),
    Claim(id="torch.numpy.force_detaches",
          statement="`t.numpy(force=True)` on a tensor that requires grad returns its values and shares its storage, "
                    "unless it resolves a conjugate or negative bit (a copy)",
          source=f"{TORCH_DOCS}torch.Tensor.numpy.html", needs=("torch",),
          quote="If force is True this is equivalent to calling t.detach().cpu().resolve_conj().resolve_neg().numpy().",
          domain=GRAD,
          reproduce=Recipe("x.numpy(force=True)", "shares(x, y)", setup="x.requires_grad_(True)")),
]
