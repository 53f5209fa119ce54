"""PyTorch <-> NumPy with tensors that track gradients."""

import strategies as S
from conformance.claims._model import ALIASING_SIZES, HOST, TORCH_DTYPES, Claim, Narrowed, Recipe, Said
from conformance.claims._sources import PYTORCH_TUTORIAL, TORCH_DOCS
from conformance.domains import Domain


GRAD_DTYPES = Narrowed(S.dtype_names(TORCH_DTYPES, kinds="fc"), why="only floating and complex tensors can require "
                       "gradients")
ON_HOST = Narrowed(HOST, why=f"{HOST.why}: .numpy() of a tensor needs it on the CPU")
GRAD = Domain(dtype=GRAD_DTYPES, size=ALIASING_SIZES, device=ON_HOST)

CLAIMS = [
    Claim(id="torch.numpy.requires_grad_raises",
          statement="`.numpy()` on a tensor with `requires_grad=True` raises RuntimeError",
          source=f"{PYTORCH_TUTORIAL}, Tensor → NumPy (gradients)", needs=("torch",),
          quote="若张量带有梯度(requires_grad=True),需先分离计算图", domain=GRAD,
          reproduce=Recipe("x.numpy()", raises="RuntimeError", setup="x = torch.tensor(a, requires_grad=True)")),
    Claim(id="torch.detach.numpy_is_independent",
          statement="example 4: writing into `x.detach().numpy()` leaves `x` unchanged",
          source=f"{PYTORCH_TUTORIAL}, Tensor → NumPy, example 4", needs=("torch",),
          quote="numpy_detached[0] = 5.0; print(x)  # tensor([3.], requires_grad=True)", domain=GRAD,
          framework_says=Said(f"{TORCH_DOCS}torch.Tensor.detach.html", "Returned Tensor shares the same storage "
                              "with the original one. In-place modifications on either of them will be seen, and may "
                              "trigger errors in correctness checks."),
          reproduce=Recipe("x.detach().numpy()", "shares(x, y, independent=True)",
                           setup="x = torch.tensor(a, requires_grad=True)")),
    Claim(id="torch.tensor.requires_grad_gradient",
          statement="with `x = torch.tensor(a, requires_grad=True)`, the gradient of `x**2` is `2x`",
          source=f"{PYTORCH_TUTORIAL}, NumPy → Tensor (gradients)", needs=("torch",),
          quote="print(x_tensor.grad)  # 输出: tensor([6.])",
          domain=Domain(dtype=Narrowed(S.dtype_names(TORCH_DTYPES, kinds="f"),
                                       why="x**2's gradient is 2x for real floats; a complex tensor needs a real loss"),
                        size=ALIASING_SIZES)),
    Claim(id="torch.numpy.force_detaches",
          statement="`t.numpy(force=True)` on a tensor that requires grad returns its values and shares its storage",
          source=f"{TORCH_DOCS}torch.Tensor.numpy.html", needs=("torch",),
          quote="If force is True this is equivalent to calling t.detach().cpu().resolve_conj().resolve_neg().numpy().",
          domain=GRAD,
          reproduce=Recipe("x.numpy(force=True)", "shares(x, y)", setup="x = torch.tensor(a, requires_grad=True)")),
]
