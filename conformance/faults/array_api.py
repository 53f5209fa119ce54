"""Faults that break (or supply) the array API sentences of test_array_api.py, on the libraries that run them."""

import numpy as np

from conformance.faults._registry import fault, wrap


def _strict_array(xp):
    return type(xp.asarray(np.zeros(1)))


@fault("xp.from_dlpack(x) puts its result on x's device (supplies the sentence that array-api-strict 2.6.1 breaks on "
       "its virtual devices)", ["array_api.from_dlpack.same_device"], "array_api_strict")
def xp_from_dlpack_keeps_device(mp, xp):
    strict = _strict_array(xp)
    wrap(mp, xp, "from_dlpack", lambda from_dlpack: lambda x, **kw: from_dlpack(x, **kw).to_device(x.device)
         if isinstance(x, strict) and kw.get("device") is None else from_dlpack(x, **kw))


@fault("xp.from_dlpack(x, device=..., copy=False) copies instead of refusing or sharing",
       ["array_api.from_dlpack.copy_false_across_devices"], "array_api_strict")
def xp_from_dlpack_copies_across_devices(mp, xp):
    wrap(mp, xp, "from_dlpack", lambda from_dlpack: lambda x, device=None, copy=None: xp.asarray(
        from_dlpack(x), copy=True).to_device(device) if copy is False and device is not None
        else from_dlpack(x, device=device, copy=copy))


@fault("np.from_dlpack(x, copy=True) ignores copy=True and shares", ["array_api.from_dlpack.copy_true"], "torch")
def numpy_from_dlpack_ignores_copy_true(mp, torch):
    real = np.from_dlpack
    mp.setattr(np, "from_dlpack", lambda x, *, device=None, copy=None: real(x, device=device))


@fault("PyTorch tensors report DLPack device id 1 on the CPU", ["array_api.dlpack_device.codes"], "torch")
def torch_dlpack_device_id_off(mp, torch):
    wrap(mp, torch.Tensor, "__dlpack_device__", lambda device: lambda self: (device(self)[0], device(self)[1] + 1))


@fault("array-api-strict adds arrays on different devices by moving the second one",
       ["array_api.mixed_devices_raise"], "array_api_strict")
def xp_adds_across_devices(mp, xp):
    array = _strict_array(xp)
    wrap(mp, array, "__add__", lambda add: lambda self, other: add(self, other.to_device(self.device)
                                                                    if isinstance(other, array) else other))


@fault("x.to_device(d) of array-api-strict returns x where it is", ["array_api.to_device"], "array_api_strict")
def xp_to_device_stays(mp, xp):
    mp.setattr(_strict_array(xp), "to_device", lambda self, device, /, stream=None: self)
