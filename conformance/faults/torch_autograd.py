"""Faults that break test_torch_autograd.py: conversions of tensors that track gradients."""

from conformance.faults._registry import fault, wrap


@fault("Tensor.numpy() detaches silently instead of raising", ["torch.numpy.requires_grad_raises"], "torch")
def torch_numpy_ignores_grad(mp, torch):
    wrap(mp, torch.Tensor, "numpy", lambda numpy: lambda self, *, force=False: numpy(self.detach()))


@fault("Tensor.detach() returns a copy", ["torch.detach.numpy_is_independent"], "torch")
def torch_detach_copies(mp, torch):
    wrap(mp, torch.Tensor, "detach", lambda detach: lambda self: detach(self).clone())


@fault("x ** 2 computes 1.5 * x ** 2, so its gradient is 3x", ["torch.tensor.requires_grad_gradient"], "torch")
def torch_pow_scaled(mp, torch):
    wrap(mp, torch.Tensor, "__pow__", lambda power: lambda self, exponent: power(self, exponent) * 1.5)


@fault("Tensor.numpy(force=True) returns a copy", ["torch.numpy.force_detaches"], "torch")
def torch_numpy_force_copies(mp, torch):
    wrap(mp, torch.Tensor, "numpy", lambda numpy: lambda self, *, force=False:
         numpy(self, force=force).copy() if force else numpy(self))
