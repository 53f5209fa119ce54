"""Executable claims about array interop between NumPy, PyTorch and TensorFlow."""
