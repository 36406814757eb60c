"""PyTorch models in and out: the paper's architecture, a Conv1d/Conv2d with circular padding
and bias=False, then a Linear with bias=False and one output (nn.Sequential with an optional
nn.Flatten between them, or any module whose forward is linear(conv(x).flatten(1))).

from_torch reads the weights as a convcert.Network whose .w is the predictor the model
computes, f(x) = <w, x>: PyTorch's Conv computes a cross-correlation of the circularly padded
input, out[c, i] = sum_k weight[c, :, k] x[(i - p + k) mod D] with p the left padding, i.e.
the feature map (x ⋆ u_c)[i - p]; so u_c = weight[c] and v_c[(i - p) mod D] gathers the
Linear weights of out[c, i]. The result is checked against model(x) on random inputs.
"""

import copy
import itertools
import math

import numpy as np
import torch
from torch import nn

from .network import Network

_ALLOWED = (nn.Flatten, nn.Identity, nn.Sequential)


def _layers(model):
    """The model's one Conv1d/Conv2d and one Linear; ValueError for anything else."""
    convs, linears = [], []
    for m in model.modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d)):
            convs.append(m)
        elif isinstance(m, nn.Linear):
            linears.append(m)
        elif isinstance(m, nn.Conv3d) or (not isinstance(m, _ALLOWED) and not list(m.children())
                                          and m is not model):
            raise ValueError(f"not a two-layer linear CNN: the model contains {type(m).__name__}")
    if len(convs) != 1 or len(linears) != 1:
        raise ValueError(f"expected one Conv1d or Conv2d and one Linear layer, found "
                         f"{len(convs)} convolution(s) and {len(linears)} Linear layer(s)")
    return convs[0], linears[0]


def _left_padding(conv):
    """(left padding per spatial axis, right padding per spatial axis)."""
    n = len(conv.kernel_size)
    if conv.padding == "valid":
        return (0,) * n, (0,) * n
    if conv.padding == "same":
        total = [d * (k - 1) for d, k in zip(conv.dilation, conv.kernel_size)]
        return tuple(t // 2 for t in total), tuple(t - t // 2 for t in total)
    return tuple(conv.padding), tuple(conv.padding)


def _conv_checked(conv):
    name = type(conv).__name__
    if conv.bias is not None:
        raise ValueError(f"{name} has a bias (bias=True); convcert's networks have none")
    if any(s != 1 for s in conv.stride) or any(d != 1 for d in conv.dilation) or conv.groups != 1:
        raise ValueError(f"{name} must have stride 1, dilation 1 and groups 1 "
                         f"(stride {conv.stride}, dilation {conv.dilation}, groups {conv.groups})")
    left, right = _left_padding(conv)
    if conv.padding_mode != "circular" and any(left + right):
        raise ValueError(f"{name} pads with padding_mode={conv.padding_mode!r}; convcert needs "
                         "circular padding (padding_mode='circular') or none")
    return left, right


def _linear_checked(linear):
    if linear.bias is not None:
        raise ValueError("Linear has a bias (bias=True); convcert's networks have none")
    if linear.out_features != 1:
        raise ValueError(f"Linear has {linear.out_features} outputs; expected 1 (a binary "
                         "classifier f(x) = <w, x>)")


def _output_shape(conv, linear, signal_shape):
    """The feature map's spatial shape (its flattened size is Linear's input per channel)."""
    C = conv.out_channels
    if linear.in_features % C:
        raise ValueError(f"Linear has {linear.in_features} inputs, not a multiple of the "
                         f"{C} channels")
    per_channel = linear.in_features // C
    left, right = _left_padding(conv)
    if signal_shape is not None:
        out = tuple(d + l + r - k + 1 for d, l, r, k in
                    zip(signal_shape, left, right, conv.kernel_size))
        if math.prod(out) != per_channel:
            raise ValueError(f"signal shape {tuple(signal_shape)} gives feature maps of "
                             f"{out}, but Linear expects {per_channel} per channel")
        return out
    if len(conv.kernel_size) == 1:
        return (per_channel,)
    side = math.isqrt(per_channel)
    if side * side != per_channel:
        raise ValueError("Conv2d: pass signal_shape=(D1, D2) (the feature maps are not square)")
    return (side, side)


def from_torch(model, signal_shape=None):
    """The network of `model` (see the module's docstring): .u of shape (C, R, K) or
    (C, R, K1, K2), .v of shape (C, D) or (C, D1, D2), .w the predictor, .min_margin(X, y).
    signal_shape (D,) or (D1, D2) is needed only for a non-square Conv2d input."""
    conv, linear = _layers(model)
    left, _ = _conv_checked(conv)
    _linear_checked(linear)
    out = _output_shape(conv, linear, signal_shape)
    kernel = conv.kernel_size
    D = tuple(o - l - r + k - 1 for o, l, r, k in zip(out, left, _left_padding(conv)[1], kernel))
    if any(d < k or d < l for d, k, l in zip(D, kernel, left)):
        raise ValueError(f"signal shape {D} is smaller than the kernel {kernel} or the padding")
    u = conv.weight.detach().cpu().double().numpy().copy()
    L = linear.weight.detach().cpu().double().numpy().reshape((conv.out_channels,) + out)
    v = np.zeros((conv.out_channels,) + D)
    for i in itertools.product(*(range(n) for n in out)):
        j = tuple((a - p) % d for a, p, d in zip(i, left, D))
        v[(slice(None),) + j] += L[(slice(None),) + i]
    net = Network(u, v)
    _agrees(model, net)
    return net


def _agrees(model, net):
    """ValueError unless model(x) = <w, x> on random inputs (an architecture this module does
    not read, e.g. a forward that is not linear(conv(x).flatten(1)))."""
    g = torch.Generator().manual_seed(0)
    x = torch.randn((3, net.input_channels) + net.signal_shape, generator=g, dtype=torch.float64)
    twin = copy.deepcopy(model).double().eval()
    with torch.no_grad():
        got = twin(x).reshape(-1).numpy()
    want = net.outputs(x.numpy())
    if got.shape != want.shape or not np.allclose(got, want, rtol=1e-9, atol=1e-9 * (
            1 + np.abs(want).max())):
        raise ValueError("the model does not compute linear(conv(x).flatten(1)) with the layers "
                         "found (its forward differs from <w, x> on random inputs)")


def to_torch(network, dtype=torch.float64):
    """nn.Sequential(Conv (circular, padding='same', bias=False), Flatten, Linear(bias=False))
    computing the same f(x) = <w, x> as `network` (a convcert.Network or a collapse result)."""
    C, R = network.u.shape[:2]
    kernel, D = network.kernel_shape, network.signal_shape
    Conv = {1: nn.Conv1d, 2: nn.Conv2d}[len(kernel)]
    conv = Conv(R, C, kernel, padding="same", padding_mode="circular", bias=False, dtype=dtype)
    linear = nn.Linear(C * math.prod(D), 1, bias=False, dtype=dtype)
    left = tuple((k - 1) // 2 for k in kernel)
    # the feature at i is (x ⋆ u_c)[i - left], so Linear's weight at i is v_c[i - left]
    L = np.roll(network.v, shift=left, axis=tuple(range(1, 1 + len(D))))
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(network.u))
        linear.weight.copy_(torch.from_numpy(L.reshape(1, -1)))
    return nn.Sequential(conv, nn.Flatten(), linear)
