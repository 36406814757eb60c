"""From a trained PyTorch model to a certificate in three lines (issue 16).

Trains a small two-layer linear CNN (Conv1d with circular padding, no bias, then Linear without
bias) on separable synthetic data, reads it with convcert.torch.from_torch, certifies a bracket
on the induced regularizer of its predictor at unit margin, prints the network's own cost R̂
beside the bracket, saves and checks the certificate, then collapses the network to one channel
and shows that it computes the same outputs at no larger weight norm.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/train_certify.py [OUT.json]
"""

import math
import sys

import numpy as np
import torch
from torch import nn

import convcert
import convcert.torch

D, K, C, N = 16, 3, 4, 64


def data(seed=0):
    """N separable inputs of length D with labels sign(<w*, x>), margin at least 0.1."""
    rng = np.random.default_rng(seed)
    w_star = rng.standard_normal(D)
    X = rng.standard_normal((4 * N, 1, D))
    s = X[:, 0] @ w_star / np.linalg.norm(w_star)
    keep = np.abs(s) > 0.1
    return X[keep][:N], np.sign(s[keep][:N])


def train(X, y, steps=300, lr=0.05):
    """Gradient descent on the logistic loss from a small initialization (float64)."""
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv1d(1, C, K, padding=1, padding_mode="circular", bias=False),
        nn.Flatten(),
        nn.Linear(C * D, 1, bias=False)).double()
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


def main(out):
    X, y = data()
    model = train(X, y)

    # The three lines: the network, the bracket of its predictor at unit margin, the certificate.
    net = convcert.torch.from_torch(model)
    b = convcert.regularizer(net.w / net.min_margin(X, y), kernel=K)
    b.certificate.save(out)

    margin = net.min_margin(X, y)
    cost = net.cost() / margin  # ||θ||² at unit margin (the network is 2-homogeneous)
    print(f"trained: C = {C}, K = {K}, D = {D}, min margin {margin:.6g}, "
          f"train accuracy {np.mean(np.sign(net.outputs(X)) == y):.3f}")
    print(f"R-hat (network cost at unit margin): {cost:.10g}   paper units (x sqrt D): "
          f"{cost * math.sqrt(D):.10g}")
    print(f"certified R_K(w) in [{float(b.lower):.10g}, {float(b.upper):.10g}] for every C "
          f">= {b.channels} (relative gap {b.gap:.2g}); paper units "
          f"[{float(b.lower) * math.sqrt(D):.10g}, {float(b.upper) * math.sqrt(D):.10g}]")
    print(f"R-hat / certified lower bound = {cost / float(b.lower):.6g}")
    print(f"certificate {out}: {convcert.check(out)}")

    c = convcert.collapse(net)
    small = convcert.torch.to_torch(c)
    with torch.no_grad():
        diff = (small(torch.from_numpy(X)) - model(torch.from_numpy(X))).abs().max().item()
    norm_small = sum(float((p ** 2).sum()) for p in small.parameters())
    print(f"collapsed to {c.channels} channel(s): outputs differ by at most {diff:.3g}; "
          f"weight norm {net.cost():.10g} -> {norm_small:.10g} "
          f"(exact: {float(c.cost_in):.10g} -> {float(c.cost_out):.10g})")
    print(f"collapse certificate: {convcert.check(c.certificate)}")
    return 0 if diff < 1e-9 and norm_small <= net.cost() * (1 + 1e-12) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bracket.json"))
