"""From a trained PyTorch model to a certificate in three lines (issue 16).

Trains a small two-layer linear CNN (a Conv1d, or with --2d a Conv2d, with circular padding and
no bias, then Linear without bias) on separable synthetic data, reads it with
convcert.torch.from_torch, certifies a bracket on the induced regularizer of its predictor at
unit margin, prints the network's own cost R̂ beside the bracket, saves and checks the
certificate. In 1-D it then collapses the network to one channel and shows that it computes the
same outputs at no larger weight norm. In 2-D there is no collapse (the Fejér–Riesz Lemma fails
for images, MATH.md "Two-dimensional signals"): it shows instead that the bracket's certified
network of C0 channels, built back as a PyTorch model, computes the same outputs at unit margin.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/train_certify.py [--2d] [OUT.json]
"""

import math
import sys

import numpy as np
import torch
from torch import nn

import convcert
import convcert.torch

C, N = 4, 64
SHAPES = {1: ((16,), (3,)), 2: ((6, 6), (3, 3))}  # signal shape, kernel shape


def data(signal, seed=0):
    """N separable inputs of shape (1, *signal) with labels sign(<w*, x>), margin >= 0.1."""
    rng = np.random.default_rng(seed)
    w_star = rng.standard_normal(signal)
    X = rng.standard_normal((4 * N, 1) + signal)
    s = np.tensordot(X[:, 0], w_star, axes=len(signal)) / np.linalg.norm(w_star)
    keep = np.abs(s) > 0.1
    return X[keep][:N], np.sign(s[keep][:N])


def model_for(signal, kernel):
    """Conv (circular, 'same', no bias) -> Flatten -> Linear (no bias), float64."""
    Conv = {1: nn.Conv1d, 2: nn.Conv2d}[len(signal)]
    return nn.Sequential(
        Conv(1, C, kernel, padding="same", padding_mode="circular", bias=False),
        nn.Flatten(),
        nn.Linear(C * math.prod(signal), 1, bias=False)).double()


def train(model, X, y, steps=300, lr=0.05):
    """Gradient descent on the logistic loss from a small initialization."""
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(0.5)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.softplus(-yt * model(Xt).reshape(-1)).mean()
        loss.backward()
        opt.step()
    return model


def outputs(model, X):
    with torch.no_grad():
        return model(torch.from_numpy(X)).reshape(-1).numpy()


def weight_norm(model):
    return sum(float((p ** 2).sum()) for p in model.parameters())


def collapse_1d(model, net, X):
    """The one-channel model: same outputs, no larger weight norm (True if so)."""
    c = convcert.collapse(net)
    small = convcert.torch.to_torch(c)
    diff = np.abs(outputs(small, X) - outputs(model, X)).max()
    print(f"collapsed to {c.channels} channel(s): outputs differ by at most {diff:.3g}; "
          f"weight norm {net.cost():.10g} -> {weight_norm(small):.10g} "
          f"(exact: {float(c.cost_in):.10g} -> {float(c.cost_out):.10g})")
    print(f"collapse certificate: {convcert.check(c.certificate)}")
    return diff < 1e-9 and weight_norm(small) <= net.cost() * (1 + 1e-12)


def certified_network_2d(model, b, margin, X):
    """No collapse in 2-D: the bracket's network, as a model, computes model(x) / margin at
    weight norm b.upper (True if so)."""
    print("2-D: no collapse (the Fejér–Riesz Lemma fails for images); the certified network "
          f"has C0 = {b.channels} channel(s)")
    twin = convcert.torch.to_torch(b.network)
    diff = np.abs(outputs(twin, X) - outputs(model, X) / margin).max()
    print(f"certified network as a PyTorch model: outputs differ from model(x) / margin by at "
          f"most {diff:.3g}; weight norm {weight_norm(twin):.10g} (upper {float(b.upper):.10g})")
    return diff < 1e-9 and abs(weight_norm(twin) - float(b.upper)) <= 1e-9 * float(b.upper)


def main(dims, out):
    signal, kernel = SHAPES[dims]
    X, y = data(signal)
    torch.manual_seed(0)
    model = train(model_for(signal, kernel), X, y)

    # The three lines: the network, the bracket of its predictor at unit margin, the certificate.
    net = convcert.torch.from_torch(model)
    b = convcert.regularizer(net.w / net.min_margin(X, y), kernel=kernel)
    b.certificate.save(out)

    D = math.prod(signal)
    margin = net.min_margin(X, y)
    cost = net.cost() / margin  # ||θ||² at unit margin (the network is 2-homogeneous)
    print(f"trained: C = {C}, K = {'x'.join(map(str, kernel))}, D = "
          f"{'x'.join(map(str, signal))}, min margin {margin:.6g}, "
          f"train accuracy {np.mean(np.sign(net.outputs(X)) == y):.3f}")
    print(f"R-hat (network cost at unit margin): {cost:.10g}   paper units (x sqrt D): "
          f"{cost * math.sqrt(D):.10g}")
    print(f"certified R_K(w) in [{float(b.lower):.10g}, {float(b.upper):.10g}] for every C "
          f">= {b.channels} (relative gap {b.gap:.2g}); paper units "
          f"[{float(b.lower) * math.sqrt(D):.10g}, {float(b.upper) * math.sqrt(D):.10g}]")
    print(f"R-hat / certified lower bound = {cost / float(b.lower):.6g}")
    print(f"certificate {out}: {convcert.check(out)}")
    if dims == 1:
        ok = collapse_1d(model, net, X)
    else:
        ok = certified_network_2d(model, b, margin, X)
    return 0 if ok and cost >= float(b.lower) * (1 - 1e-12) else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    dims = 2 if "--2d" in args else 1
    args = [a for a in args if a != "--2d"]
    sys.exit(main(dims, args[0] if args else "bracket.json"))
