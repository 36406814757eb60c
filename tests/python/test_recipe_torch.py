"""`convcert train --recipe paper` against the same training in PyTorch (float64, one thread):
the authors' model (F.pad circular on the bottom/right, Conv2d without bias, Linear without
bias), our initial weights copied in, torch.optim.SGD with momentum 0.3 recreated at every
learning-rate change, minibatches of 32 in file order; the final weights and loss agree with
RUN.json to 1e-9 relative. Also: our W is the torch model's predictor, and Conv2d's own
symmetric circular padding (odd K) is the same model with v rolled by (K - 1) / 2."""

import json
import os
import subprocess
import tempfile
import unittest

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

BINARY = os.environ.get("CONVCERT_BINARY", "build/convcert")

RATE_EPOCHS = [500, 1000, 1200, 1500, 2000, 3000, 4000, 4500, 5000]
RATES = [0.01, 0.05, 0.1, 0.5, 1, 2, 4, 10, 20]


def learning_rate(epoch):
    lr = 0.001
    for e, r in zip(RATE_EPOCHS, RATES):
        if epoch > e:
            lr = r
    return lr


def dataset(n=40, shape=(6, 6), den=4, seed=2):
    """Integer numerators over den, labels from a fixed pattern (linearly separable)."""
    rng = np.random.default_rng(seed)
    D = shape[0] * shape[1]
    x = rng.integers(-12, 13, size=(n, D))
    w = np.where(np.arange(D) % 3 == 0, 1, -1)
    y = np.where(x @ w >= 0, 1, -1)
    data = {"format": "convcert-dataset", "name": "tiny", "source": "test_recipe_torch",
            "R": 1, "D": D, "shape": list(shape), "x_denominator": den,
            "x": x.tolist(), "y": y.tolist()}
    return data, (x / den).reshape((n, 1) + shape), y.astype(np.float64)


class Model(nn.Module):
    """The authors' two-layer linear CNN."""

    def __init__(self, K, C, shape):
        super().__init__()
        self.K = K
        self.conv = nn.Conv2d(1, C, K, bias=False)
        self.fc = nn.Linear(C * shape[0] * shape[1], 1, bias=False)

    def forward(self, x):
        x = F.pad(x, (0, self.K[1] - 1, 0, self.K[0] - 1), mode="circular")
        return self.fc(self.conv(x).reshape(x.shape[0], -1)).flatten()


def model_from_run(run, key, K, C, shape):
    model = Model(K, C, shape).double()
    with torch.no_grad():
        model.conv.weight.copy_(torch.tensor(run[key]["u"], dtype=torch.float64).reshape(C, 1, K[0], K[1]))
        model.fc.weight.copy_(torch.tensor(run[key]["v"], dtype=torch.float64).reshape(1, -1))
    return model


def train_torch(model, X, y, epochs):
    """The recipe in PyTorch; returns the number of epochs run and the final mean loss."""
    X, y = torch.tensor(X), torch.tensor(y)
    optimizer = None
    for epoch in range(1, epochs + 1):
        if epoch == 1 or learning_rate(epoch) != learning_rate(epoch - 1):
            optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate(epoch),
                                        momentum=0.3)
        for b in range(0, len(y), 32):
            optimizer.zero_grad()
            loss = torch.exp(-y[b:b + 32] * model(X[b:b + 32])).mean()
            loss.backward()
            optimizer.step()
        if epoch % 100 == 0:
            with torch.no_grad():
                if torch.exp(-y * model(X)).mean().item() <= 1e-6:
                    break
    with torch.no_grad():
        return epoch, torch.exp(-y * model(X)).mean().item()


def relative_error(a, b):
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    return np.linalg.norm(a - b) / np.linalg.norm(b)


class TestRecipeTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.set_num_threads(1)
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data, cls.X, cls.y = dataset()
        cls.path = os.path.join(cls.tmp.name, "tiny.json")
        with open(cls.path, "w") as f:
            json.dump(cls.data, f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_convcert(self, kernel, C, epochs, seed=5):
        out = os.path.join(self.tmp.name, "run-%s-%d-%d.json" % (kernel, C, epochs))
        subprocess.run([BINARY, "train", self.path, "--kernel", kernel, "--channels", str(C),
                        "--recipe", "paper", "--seed", str(seed), "--max-epochs", str(epochs),
                        "-o", out], check=True, capture_output=True)
        with open(out) as f:
            return json.load(f)

    def test_same_training_as_torch(self):
        # 1300 epochs: three learning-rate changes (momentum restarts), a smaller last batch.
        for kernel, K, C, epochs in [("3x3", (3, 3), 2, 1300), ("2x3", (2, 3), 1, 700)]:
            with self.subTest(kernel=kernel, C=C):
                run = self.run_convcert(kernel, C, epochs)
                model = model_from_run(run, "initial", K, C, (6, 6))
                ran, loss = train_torch(model, self.X, self.y, epochs)
                self.assertEqual(ran, run["epochs"])
                u = model.conv.weight.detach().numpy()
                v = model.fc.weight.detach().numpy()
                self.assertLess(relative_error(run["final"]["u"], u), 1e-9)
                self.assertLess(relative_error(run["final"]["v"], v), 1e-9)
                self.assertLess(abs(run["final_loss"] - loss) / loss, 1e-9)
                # it moved far from the initialization
                self.assertGreater(relative_error(run["initial"]["v"], v), 0.5)

    def test_predictor_is_the_torch_model(self):
        run = self.run_convcert("3x3", 2, 600)
        model = model_from_run(run, "final", (3, 3), 2, (6, 6))
        with torch.no_grad():
            basis = torch.eye(36, dtype=torch.float64).reshape(36, 1, 6, 6)
            w = model(basis).numpy()
            out = model(torch.tensor(self.X)).numpy()
        np.testing.assert_allclose(run["final"]["W"], w, rtol=0, atol=1e-12 * np.abs(w).max())
        margins = self.y * out
        self.assertAlmostEqual(run["min_margin"], margins.min(), delta=1e-9 * abs(margins.min()))
        norm2 = sum(float((p ** 2).sum()) for p in model.parameters())
        self.assertAlmostEqual(run["R_hat_paper"], norm2 * 6 / margins.min(),
                               delta=1e-9 * run["R_hat_paper"])

    def test_symmetric_circular_padding_is_a_shift_of_v(self):
        # Conv2d(padding=1, padding_mode="circular") with K = 3: out[i] = ours[i - 1], so the same
        # function needs v rolled by +1 in both axes.
        run = self.run_convcert("3x3", 2, 600)
        conv = nn.Conv2d(1, 2, 3, padding=1, padding_mode="circular", bias=False).double()
        fc = nn.Linear(72, 1, bias=False).double()
        v = torch.tensor(run["final"]["v"], dtype=torch.float64).reshape(2, 6, 6)
        with torch.no_grad():
            conv.weight.copy_(torch.tensor(run["final"]["u"], dtype=torch.float64).reshape(2, 1, 3, 3))
            fc.weight.copy_(torch.roll(v, shifts=(1, 1), dims=(1, 2)).reshape(1, -1))
            X = torch.tensor(self.X)
            out = fc(conv(X).reshape(len(X), -1)).flatten().numpy()
        ours = np.asarray(self.X).reshape(len(X), -1) @ np.asarray(run["final"]["W"])
        np.testing.assert_allclose(out, ours, rtol=0, atol=1e-12 * np.abs(ours).max())


if __name__ == "__main__":
    unittest.main()
