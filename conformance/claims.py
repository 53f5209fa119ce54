"""The claim catalog: one entry per documented statement the suite checks.

``needs`` lists what a claim must have to run: "torch", "tf" (TensorFlow) and
"cuda" (a CUDA device). NumPy is always present. ``quote`` is the source's own
words where they differ from the English ``statement``.
"""

from dataclasses import dataclass

PYTORCH_TUTORIAL = "seed 001_61c089512c5ffbe2.txt (PyTorch tutorial, Chinese)"
TF_NOTEBOOK = "seed 000_31b8f74e1c9a8102.txt (TF/NumPy notebook, Chinese)"
TF_DEEP_DIVE = "seed 002_f13cecea43a35e46.txt (TF deep dive)"
TORCH_DOCS = "https://pytorch.org/docs/stable/generated/"
TF_DOCS = "https://www.tensorflow.org/"
NUMPY_DOCS = "https://numpy.org/doc/stable/reference/generated/"


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    source: str
    needs: tuple = ()
    quote: str = ""


_CLAIMS = [
    # --- PyTorch <-> NumPy, from the PyTorch tutorial --------------------------------------
    Claim("torch.numpy.shares_memory",
          "on the CPU, `t.numpy()` shares memory with `t`: a write through either is seen by the other",
          f"{PYTORCH_TUTORIAL}, Tensor → NumPy", ("torch",),
          "当张量位于 CPU 上时,直接使用 .numpy() 会生成共享底层内存的 NumPy 数组。修改其中一个对象会影响另一个"),
    Claim("torch.numpy.copy_is_independent", "`t.numpy().copy()` is independent of `t`",
          f"{PYTORCH_TUTORIAL}, Tensor → NumPy", ("torch",), "若需独立的数据副本,使用 .copy() 方法"),
    Claim("torch.clone.numpy_shares_clone_only",
          "`t.clone().numpy()` shares memory with the clone and not with `t`",
          f"{PYTORCH_TUTORIAL}, Tensor → NumPy", ("torch",), "numpy_array = cloned_tensor.numpy() # 仍共享 cloned_tensor 的内存"),
    Claim("torch.numpy.requires_grad_raises",
          "`.numpy()` on a tensor with `requires_grad=True` raises RuntimeError",
          f"{PYTORCH_TUTORIAL}, Tensor → NumPy (gradients)", ("torch",), "若张量带有梯度(requires_grad=True),需先分离计算图"),
    Claim("torch.detach.numpy_is_independent",
          "example 4: writing into `x.detach().numpy()` leaves `x` unchanged",
          f"{PYTORCH_TUTORIAL}, Tensor → NumPy, example 4", ("torch",),
          "numpy_detached[0] = 5.0; print(x)  # tensor([3.], requires_grad=True)"),
    Claim("torch.from_numpy.shares_memory",
          "`torch.from_numpy(a)` shares memory with `a` in both directions",
          f"{PYTORCH_TUTORIAL}, NumPy → Tensor (torch.from_numpy)", ("torch",),
          "默认共享内存 :生成的张量与原始 NumPy 数组共享底层内存,修改其中一个会影响另一个"),
    Claim("torch.from_numpy.preserves_dtype", "`torch.from_numpy(a)` keeps `a`'s dtype",
          f"{PYTORCH_TUTORIAL}, NumPy → Tensor", ("torch",), "torch.from_numpy() 会保留 NumPy 数组的数据类型"),
    Claim("torch.tensor.copies", "`torch.tensor(a)` copies: writes to either side never reach the other",
          f"{PYTORCH_TUTORIAL}, NumPy → Tensor (torch.tensor)", ("torch",),
          "默认独立内存:生成的新张量会复制数据,与原始 NumPy 数组无内存共享"),
    Claim("torch.tensor.dtype_override",
          "`torch.tensor(a, dtype=D)` has dtype D and `a`'s values cast to D",
          f"{PYTORCH_TUTORIAL}, NumPy → Tensor", ("torch",), "torch.tensor() 可手动指定 dtype"),
    Claim("torch.tensor.requires_grad_gradient",
          "with `x = torch.tensor(a, requires_grad=True)`, the gradient of `x**2` is `2x`",
          f"{PYTORCH_TUTORIAL}, NumPy → Tensor (gradients)", ("torch",), "print(x_tensor.grad)  # 输出: tensor([6.])"),
    Claim("torch.item.scalar_to_python",
          "`.item()` on a one-element tensor returns a Python number equal to the element "
          "(int for integer dtypes, float for floating, and so on)",
          f"{PYTORCH_TUTORIAL}, scalar tensors (.item())", ("torch",), "将标量张量(元素数量为 1)转换为 Python 数字(int 或 float)"),
    Claim("torch.item.multi_element_raises_valueerror",
          "`.item()` on a tensor with more than one element raises ValueError "
          "\"only one element tensors can be converted to Python scalars\"",
          f"{PYTORCH_TUTORIAL}, scalar tensors (.item())", ("torch",), "vector_tensor.item()  # 报错:ValueError"),
    Claim("torch.item.requires_squeeze",
          "a one-element tensor that is not 0-d needs `.squeeze()` before `.item()`",
          f"{PYTORCH_TUTORIAL}, scalar tensors (summary table)", ("torch",), "单元素但非标量: 先用 .squeeze() 压缩维度,再用 .item()"),
    Claim("torch.item.requires_grad_needs_detach",
          "a tensor that tracks gradients needs `.detach()` before `.item()`",
          f"{PYTORCH_TUTORIAL}, scalar tensors (summary table)", ("torch",), "带梯度的张量: 先 .detach() 分离计算图,再 .item()"),
    Claim("torch.float.single_element",
          "`float()` and `int()` on a one-element tensor of any shape return the element",
          f"{PYTORCH_TUTORIAL}, scalar tensors (float()/int())", ("torch",), "value = float(single_element_tensor)  # 5.0(自动压缩维度)"),
    Claim("torch.float.multi_element_raises_valueerror",
          "`float()` on a tensor with more than one element raises ValueError",
          f"{PYTORCH_TUTORIAL}, scalar tensors (float()/int())", ("torch",), "float(vector_tensor)  # 报错:ValueError"),
    Claim("torch.float.requires_cpu_no_grad",
          "`float()` requires the tensor to be on the CPU and not to track gradients",
          f"{PYTORCH_TUTORIAL}, scalar tensors (float()/int())", ("torch",), "要求:张量必须在 CPU 上且无梯度跟踪"),
    Claim("dtype.default_float.torch",
          "PyTorch's default floating dtype is float32: a tensor built from Python floats is float32",
          f"{PYTORCH_TUTORIAL}, data type consistency (float32 ↔ np.float32)", ("torch",)),
    # --- PyTorch <-> NumPy, from the PyTorch docs --------------------------------------------
    Claim("torch.as_tensor.shares_numpy",
          "`torch.as_tensor(a)` of an ndarray with a dtype PyTorch supports shares memory with `a`",
          f"{TORCH_DOCS}torch.as_tensor.html", ("torch",),
          "If data is a NumPy array (an ndarray) with the same dtype and device then a tensor is "
          "constructed using torch.from_numpy()."),
    Claim("torch.from_numpy.shares_memory.noncontiguous",
          "`torch.from_numpy(a)` shares memory with `a` in both directions for Fortran-ordered, strided and "
          "offset arrays too",
          f"{TORCH_DOCS}torch.from_numpy.html", ("torch",),
          "The returned tensor and ndarray share the same memory."),
    Claim("torch.from_numpy.unaligned",
          "`torch.from_numpy(a)` of an unaligned array shares memory with `a` in both directions "
          "(the docs give no alignment caveat)",
          f"{TORCH_DOCS}torch.from_numpy.html", ("torch",),
          "The returned tensor and ndarray share the same memory."),
    Claim("torch.from_numpy.negative_strides",
          "`torch.from_numpy(a)` accepts an array with negative strides and shares its memory",
          f"{TORCH_DOCS}torch.from_numpy.html (the sharing sentence has no layout caveat)", ("torch",),
          "The returned tensor and ndarray share the same memory."),
    Claim("torch.from_numpy.byteswapped",
          "`torch.from_numpy(a)` accepts an array in non-native byte order and keeps its values",
          f"{TORCH_DOCS}torch.from_numpy.html (the dtype list has no byte-order caveat)", ("torch",)),
    Claim("torch.from_numpy.readonly_shares",
          "`torch.from_numpy(a)` of a read-only array succeeds and shares its memory "
          "(PyTorch warns, once per process, that writing to it is unsupported)",
          f"{TORCH_DOCS}torch.from_numpy.html", ("torch",),
          "Writing to a tensor created from a read-only NumPy array is not supported and will result in undefined behavior."),
    Claim("torch.from_numpy.zero_size",
          "`torch.from_numpy(a)` of a zero-size array gives a tensor of the same shape and dtype",
          f"{TORCH_DOCS}torch.from_numpy.html", ("torch",)),
    Claim("torch.numpy.force_detaches",
          "`t.numpy(force=True)` on a tensor that requires grad returns its values and shares its storage",
          f"{TORCH_DOCS}torch.Tensor.numpy.html", ("torch",),
          "If force is True this is equivalent to calling t.detach().cpu().resolve_conj().resolve_neg().numpy()."),
    Claim("torch.np_asarray.shares_memory",
          "`np.asarray(t)` of a CPU tensor shares memory with `t`",
          f"{NUMPY_DOCS}numpy.asarray.html and torch.Tensor.__array__", ("torch",),
          "asarray: No copy is performed if the input is already an ndarray with matching dtype and order."),
    Claim("torch.np_asarray.copy_false",
          "`np.asarray(t, copy=False)` of a CPU tensor returns an array sharing memory with `t` "
          "(copy=False never copies, raising ValueError where a copy is needed)",
          f"{NUMPY_DOCS}numpy.asarray.html (NumPy 2 `copy` parameter)", ("torch",),
          "For False it raises a ValueError if a copy cannot be avoided."),
    # --- TensorFlow <-> NumPy, from the TF notebook and deep dive ------------------------------
    Claim("tf.constant.from_numpy",
          "`tf.constant(a)` and `tf.convert_to_tensor(a)` give a tensor with `a`'s values, shape and dtype",
          f"{TF_NOTEBOOK} §2.1; {TF_DEEP_DIVE} step 3", ("tf",), "使用`tf.constant()`或`tf.convert_to_tensor()`将NumPy数组转换为TensorFlow张量"),
    Claim("tf.numpy.roundtrip", "`t.numpy()` and `np.array(t)` give an ndarray equal to `t`",
          f"{TF_NOTEBOOK} §2.2", ("tf",), "使用`.numpy()`方法或`np.array()`函数将张量转换回NumPy数组"),
    Claim("dtype.default_float.numpy_vs_tf", "NumPy's default float is float64; TensorFlow's is float32",
          f"{TF_NOTEBOOK} §3", ("tf",), "NumPy默认浮点类型: `float64`; TensorFlow默认浮点类型: `float32`"),
    Claim("dtype.default_int.numpy_vs_tf", "NumPy's default integer is int64; TensorFlow's is int32",
          f"{TF_NOTEBOOK} §3 (the notebook prints both)", ("tf",)),
    Claim("tf.constant.dtype_override",
          "`tf.constant(a, dtype=tf.float32)` of a float64 array is float32, and so is `tf.cast`",
          f"{TF_NOTEBOOK} §3", ("tf",)),
    Claim("tf.ops.accept_numpy",
          "`tf.add`, `tf.matmul` and the arithmetic operators accept ndarrays mixed with tensors "
          "and give the values NumPy would",
          f"{TF_NOTEBOOK} §4; {TF_DEEP_DIVE} step 3", ("tf",), "TensorFlow操作可以直接接受NumPy数组作为输入，框架会自动进行转换。"),
    Claim("tf.numpy.shares_memory",
          "on the CPU with a matching dtype, `.numpy()` returns a view, without copying",
          f"{TF_DEEP_DIVE} step 4, myth 1, expert note 1", ("tf",),
          "If the tensor is on CPU and data types match, .numpy() returns a view without copying."),
    Claim("tf.numpy.mutation_isolated",
          "changing the ndarray that `.numpy()` returned does not change the tensor",
          f"{TF_DEEP_DIVE} myth 4", ("tf",), "modifying it does not affect the tensor"),
    Claim("tf.tensor.immutable", "eager tensors are immutable: item assignment fails",
          f"{TF_DEEP_DIVE} myth 4", ("tf",), "Tensors are immutable in eager mode."),
    Claim("tf.constant.isolated_from_source",
          "after `t = tf.constant(a)`, writes to `a` never reach `t`, for every size and alignment",
          f"{TF_NOTEBOOK} §5, via immutability", ("tf",), "CPU上的张量与NumPy数组可能共享内存"),
    Claim("tf.numpy_functions.error_on_tensor",
          "NumPy functions such as `np.sum` raise when given a TF tensor",
          f"{TF_DEEP_DIVE} step 5 and pitfall 2", ("tf",), "np.sum(tensor) will error, but tf.reduce_sum(tensor) works."),
    Claim("tf.function.numpy_unavailable", "inside `@tf.function`, `.numpy()` is not available",
          f"{TF_NOTEBOOK} §7.3", ("tf",), "在@tf.function中避免使用NumPy操作"),
    Claim("tf.dataset.preserves_dtype",
          "`Dataset.from_tensor_slices((X, y)).batch(n)` yields batches with X's and y's dtypes and leading dimension n",
          f"{TF_NOTEBOOK} §7.2", ("tf",)),
    Claim("tf.promotion.differs_from_numpy",
          "in mixed TF/NumPy arithmetic, dtype promotion differs from NumPy's own",
          f"{TF_DEEP_DIVE} expert note 3", ("tf",),
          "Data type promotion rules differ subtly between TensorFlow and NumPy"),
    # --- TensorFlow <-> NumPy, from the TensorFlow docs ---------------------------------------
    Claim("tf.numpy.docstring_copies",
          "`t.numpy()` returns a copy: the array shares no memory with the tensor's buffer",
          f"{TF_DOCS}api_docs/python/tf/Tensor#numpy", ("tf",),
          "Unlike NumPy arrays, Tensors are immutable, so this method has to copy the contents to ensure safety."),
    Claim("tf.memoryview.zero_copy",
          "`memoryview(t)` of a CPU tensor is a read-only, zero-copy view with the tensor's values",
          f"{TF_DOCS}api_docs/python/tf/Tensor#numpy", ("tf",),
          "Use memoryview to get a readonly view of the contents without doing a copy"),
    Claim("tf.np_asarray.shares_if_possible",
          "on the CPU, `np.asarray(t)` shares the tensor's memory (conversions share the underlying "
          "memory representation if possible)",
          f"{TF_DOCS}tutorials/customization/basics#numpy_compatibility", ("tf",),
          "the array and tf.Tensor share the underlying memory representation, if possible"),
    Claim("tf.np_asarray.copy_false",
          "`np.asarray(t, copy=False)` of a TF tensor returns an array sharing the tensor's memory "
          "(copy=False never copies, raising ValueError where a copy is needed)",
          f"{NUMPY_DOCS}numpy.asarray.html (NumPy 2 `copy` parameter)", ("tf",),
          "For False it raises a ValueError if a copy cannot be avoided."),
    Claim("tf.float.single_element",
          "`float()` and `int()` on a one-element TF tensor of any shape return the element "
          "(the PyTorch tutorial's float() statement, for TensorFlow)",
          f"{PYTORCH_TUTORIAL}, float()/int(), applied to tf.Tensor.__float__", ("tf",)),
    # --- both frameworks ---------------------------------------------------------------------
    Claim("interop.dlpack.torch_to_tf_shares",
          "`tf.experimental.dlpack.from_dlpack(t.__dlpack__())` of a CPU torch tensor is zero-copy: "
          "it has the tensor's values and memory address",
          f"{TF_DOCS}api_docs/python/tf/experimental/dlpack/from_dlpack", ("torch", "tf"),
          "Returns the Tensorflow eager tensor. The returned tensor uses the memory shared by dlpack capsules"),
    # --- performance, measured in-run ----------------------------------------------------------
    Claim("perf.batch_conversion_faster",
          "converting a batch once beats converting item by item: the notebook's `efficient_preprocessing` "
          "(one `tf.constant(np.array(list))`, `tf.nn.relu`, `.numpy()`) is faster than its "
          "`inefficient_preprocessing` (the same per item), on its 50 arrays of 100×100 float32",
          f"{TF_NOTEBOOK} §6 and §7.1", ("tf",), "频繁的类型转换会带来性能开销，应批量处理"),
    # --- GPU --------------------------------------------------------------------------------
    Claim("torch.numpy.cuda_raises", "`.numpy()` on a CUDA tensor raises RuntimeError",
          f"{PYTORCH_TUTORIAL}, GPU tensors", ("torch", "cuda"), "except RuntimeError as e: print(\"错误:\", e)  # 需先将张量移至 CPU"),
    Claim("torch.cpu.numpy_roundtrip",
          "`.cpu().numpy()` on a CUDA tensor gives its values, and the array shares memory with the CPU tensor",
          f"{PYTORCH_TUTORIAL}, GPU tensors", ("torch", "cuda"), "numpy_array = tensor_cpu.numpy()  # 共享内存"),
    Claim("torch.from_numpy.cuda_copies",
          "`torch.from_numpy(a).cuda()` copies to the GPU and shares no memory with `a`",
          f"{PYTORCH_TUTORIAL}, creating tensors on the GPU", ("torch", "cuda"), "复制到 GPU,不共享内存"),
    Claim("torch.tensor.device_cuda",
          "`torch.tensor(a, device=\"cuda\")` creates the tensor on the GPU with `a`'s values",
          f"{PYTORCH_TUTORIAL}, creating tensors on the GPU", ("torch", "cuda")),
    Claim("torch.item.cuda_needs_cpu", "a CUDA scalar needs `.cpu()` before `.item()`",
          f"{PYTORCH_TUTORIAL}, scalar tensors (summary table)", ("torch", "cuda"), "GPU上的张量: 先 .cpu() 移动到 CPU,再 .item()"),
    Claim("torch.numpy.force_cuda",
          "`t.numpy(force=True)` on a CUDA tensor returns its values in a host array",
          f"{TORCH_DOCS}torch.Tensor.numpy.html", ("torch", "cuda"),
          "If the tensor isn't on the CPU or the conjugate or negative bit is set, the tensor won't share its storage"),
    Claim("torch.np_asarray.cuda_raises", "`np.asarray(t)` of a CUDA tensor raises TypeError",
          f"{TORCH_DOCS}torch.Tensor.numpy.html (the conversion is performed only if the tensor is on the CPU)",
          ("torch", "cuda")),
    Claim("torch.asarray.cuda_copy_false_raises",
          "`torch.asarray(a, device=\"cuda\", copy=False)` of an ndarray raises, since a copy is needed",
          f"{TORCH_DOCS}torch.asarray.html", ("torch", "cuda"),
          "If False then the returned tensor shares its memory with obj and an error is thrown if it cannot."),
    Claim("tf.numpy.gpu_copies", "converting a tensor on a GPU to NumPy copies data to the host",
          f"{TF_NOTEBOOK} §5; {TF_DEEP_DIVE} myth 3", ("tf", "cuda"), "GPU上的张量转换为NumPy时必须复制数据"),
    Claim("perf.gpu_float32_faster", "on a GPU, float32 computation is 2–8× faster than float64",
          f"{TF_NOTEBOOK} §3", ("torch", "cuda"), "`float32`在GPU上的计算速度通常是`float64`的2-8倍"),
]

CLAIMS = {claim.id: claim for claim in _CLAIMS}
assert len(CLAIMS) == len(_CLAIMS), "duplicate claim id in the catalog"

FRAMEWORK_MODULES = {"torch": "torch", "tf": "tensorflow"}
