"""Faults that break test_torch_scalars.py: .item(), float(), int() and the default dtype."""

from conformance.faults._registry import fault, wrap


@fault("Tensor.item() always returns a float", ["torch.item.scalar_to_python"], "torch")
def torch_item_float(mp, torch):
    def as_float(item):
        def to_float(self):
            value = item(self)
            return float(value.real if isinstance(value, complex) else value)
        return to_float

    wrap(mp, torch.Tensor, "item", as_float)


@fault("Tensor.item() raises ValueError on several elements and RuntimeError on tensors that track gradients",
       ["torch.item.multi_element_raises_valueerror", "torch.item.requires_grad_needs_detach"], "torch")
def torch_item_strict(mp, torch):
    def strict(item):
        def strict_item(self):
            if self.numel() > 1:
                raise ValueError("only one element tensors can be converted to Python scalars")
            if self.requires_grad:
                raise RuntimeError("planted fault: item() needs a tensor without grad")
            return item(self)
        return strict_item

    wrap(mp, torch.Tensor, "item", strict)


@fault("Tensor.item() raises on every tensor that is not 0-d", ["torch.item.requires_squeeze"], "torch")
def torch_item_needs_squeeze(mp, torch):
    def squeezed_only(item):
        def only_0d(self):
            if self.dim() > 0:
                raise RuntimeError("planted fault: item() needs a 0-d tensor")
            return item(self)
        return only_0d

    wrap(mp, torch.Tensor, "item", squeezed_only)


@fault("Tensor.item() of a rank-0 tensor returns a different value of the same type", ["torch.item.scalar_to_python"],
       "torch")
def torch_item_off_for_rank0(mp, torch):
    def off(value):
        return (not value) if isinstance(value, bool) else value + 1

    wrap(mp, torch.Tensor, "item", lambda item: lambda self: off(item(self)) if self.dim() == 0 else item(self))


@fault("Tensor.item() of a conjugate view ignores its conjugate bit", ["torch.item.scalar_to_python"], "torch")
def torch_item_ignores_conj_bit(mp, torch):
    wrap(mp, torch.Tensor, "item", lambda item: lambda self: item(self.conj()) if self.is_conj() else item(self))


@fault("float() on a tensor raises RuntimeError for several elements, on CUDA and with requires_grad, "
       "and for any non-0-d tensor",
       ["torch.float.single_element", "torch.float.multi_element_raises_valueerror",
        "torch.float.requires_cpu_no_grad"], "torch")
def torch_float_as_documented(mp, torch):
    def strict(to_float):
        def strict_float(self):
            if self.dim() > 0 or self.requires_grad or self.is_cuda:
                raise RuntimeError("planted fault: float() needs a 0-d CPU tensor without grad")
            return to_float(self)
        return strict_float

    wrap(mp, torch.Tensor, "__float__", strict)


@fault("the default floating dtype is float64", ["dtype.default_float.torch"], "torch")
def torch_default_float64(mp, torch):
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    return lambda: torch.set_default_dtype(previous)


@fault("torch.tensor of nested lists of floats gives float64", ["dtype.default_float.torch"], "torch")
def torch_tensor_float64_nested(mp, torch):
    def nested(value):
        return isinstance(value, (list, tuple)) and any(isinstance(v, (list, tuple)) for v in value)

    wrap(mp, torch, "tensor", lambda tensor: lambda data, **kw:
         tensor(data, dtype=torch.float64, **kw) if nested(data) and "dtype" not in kw else tensor(data, **kw))
