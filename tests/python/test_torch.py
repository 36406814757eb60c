"""convcert.torch and convcert.npz: from_torch reads the predictor PyTorch computes (checked on
basis vectors and random inputs, Conv1d and Conv2d, several K, C, R and paddings), collapse
keeps it, to_torch builds it back, and unsupported layers raise ValueError."""

from fractions import Fraction
import os
import tempfile
import unittest

import numpy as np
import torch
from torch import nn

import convcert
import convcert.npz
from convcert.torch import from_torch, to_torch


def conv1d_model(R, C, K, D, padding):
    conv = nn.Conv1d(R, C, K, padding=padding, padding_mode="circular", bias=False)
    pad = K - 1 if padding == "same" else 2 * padding
    return nn.Sequential(conv, nn.Flatten(), nn.Linear(C * (D + pad - K + 1), 1, bias=False))


def model_outputs(model, X):
    with torch.no_grad():
        return model(torch.as_tensor(X)).reshape(-1).numpy()


def predictor_by_basis(model, R, shape):
    """w read off the model itself: f(e_{r,j}) = w[r, j] (float64 copy of the model)."""
    twin = model.double()
    n = R * int(np.prod(shape))
    basis = np.eye(n).reshape((n, R) + tuple(shape))
    return model_outputs(twin, basis).reshape((R,) + tuple(shape))


class TestFromTorch(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)

    def test_conv1d_predictor_equals_the_model(self):
        # (R, C, K, D, padding): odd and even K, padding 0 (no wrap), 'same', more than K - 1
        for R, C, K, D, padding in [(1, 1, 1, 6, 0), (1, 3, 3, 8, 1), (2, 4, 2, 7, "same"),
                                    (3, 2, 4, 9, "same"), (1, 2, 5, 10, 2), (2, 3, 3, 6, 0),
                                    (1, 2, 4, 9, 3)]:
            with self.subTest(R=R, C=C, K=K, D=D, padding=padding):
                model = conv1d_model(R, C, K, D, padding)
                net = from_torch(model)
                self.assertEqual(net.u.shape, (C, R, K))
                self.assertEqual(net.v.shape, (C, D))
                np.testing.assert_allclose(net.w, predictor_by_basis(model, R, (D,)),
                                           atol=1e-12)
                X = np.random.default_rng(1).standard_normal((5, R, D))
                np.testing.assert_allclose(net.outputs(X), model_outputs(model.double(), X),
                                           atol=1e-12)

    def test_conv2d_predictor_equals_the_model(self):
        for R, C, K, shape in [(1, 2, (3, 3), (5, 5)), (2, 3, (2, 3), (4, 6)),
                               (1, 1, (1, 2), (3, 4))]:
            with self.subTest(R=R, C=C, K=K, shape=shape):
                conv = nn.Conv2d(R, C, K, padding="same", padding_mode="circular", bias=False)
                model = nn.Sequential(conv, nn.Flatten(),
                                      nn.Linear(C * shape[0] * shape[1], 1, bias=False))
                net = from_torch(model, signal_shape=shape)
                self.assertEqual(net.u.shape, (C, R) + K)
                np.testing.assert_allclose(net.w, predictor_by_basis(model, R, shape),
                                           atol=1e-12)

    def test_conv2d_agrees_with_the_model_on_random_inputs(self):
        # (R, C, (K1, K2), (D1, D2), padding): odd/even/non-square kernels, 'same', symmetric,
        # per-axis and no padding (smaller feature maps), non-square images
        for R, C, K, shape, padding in [(1, 3, (3, 3), (6, 6), 1), (2, 2, (2, 2), (5, 5), "same"),
                                        (3, 4, (1, 3), (4, 7), (0, 1)), (1, 2, (2, 3), (5, 4), 0),
                                        (2, 1, (4, 2), (6, 5), "same"), (1, 5, (3, 2), (3, 3), 2)]:
            with self.subTest(R=R, C=C, K=K, shape=shape, padding=padding):
                conv = nn.Conv2d(R, C, K, padding=padding, padding_mode="circular", bias=False)
                with torch.no_grad():
                    out = conv(torch.zeros((1, R) + shape)).shape[2:]
                model = nn.Sequential(conv, nn.Flatten(),
                                      nn.Linear(C * out[0] * out[1], 1, bias=False))
                net = from_torch(model, signal_shape=shape)
                self.assertEqual((net.u.shape, net.v.shape), ((C, R) + K, (C,) + shape))
                X = np.random.default_rng(2).standard_normal((7, R) + shape)
                np.testing.assert_allclose(net.outputs(X), model_outputs(model.double(), X),
                                           atol=1e-12)
                np.testing.assert_allclose(net.w, predictor_by_basis(model, R, shape),
                                           atol=1e-12)

    def test_conv2d_bracket_of_a_model(self):
        torch.manual_seed(3)
        conv = nn.Conv2d(1, 3, 2, padding="same", padding_mode="circular", bias=False)
        model = nn.Sequential(conv, nn.Flatten(), nn.Linear(3 * 16, 1, bias=False)).double()
        net = from_torch(model)  # square 4x4 feature maps: no signal_shape needed
        b = convcert.regularizer(net.w, conv.kernel_size)
        self.assertEqual(b.network.v.shape[1:], (4, 4))
        X = np.random.default_rng(9).standard_normal((5, 1, 4, 4))
        np.testing.assert_allclose(model_outputs(to_torch(b.network), X),
                                   model_outputs(model, X), atol=1e-9)
        self.assertLessEqual(float(b.lower), net.cost() * (1 + 1e-12))  # weak duality

    def test_a_module_exposing_the_two_layers(self):
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv1d(1, 3, 3, padding=1, padding_mode="circular", bias=False)
                self.fc = nn.Linear(3 * 8, 1, bias=False)

            def forward(self, x):
                return self.fc(self.conv(x).flatten(1))

        model = Net()
        np.testing.assert_allclose(from_torch(model).w, predictor_by_basis(model, 1, (8,)),
                                   atol=1e-12)

    def test_unsupported_models_raise_value_error(self):
        lin = nn.Linear(16, 1, bias=False)
        circ = dict(padding=1, padding_mode="circular")
        cases = {
            "bias": nn.Sequential(nn.Conv1d(1, 2, 3, bias=True, **circ), nn.Flatten(), lin),
            "circular": nn.Sequential(nn.Conv1d(1, 2, 3, padding=1, bias=False), nn.Flatten(),
                                      lin),
            "ReLU": nn.Sequential(nn.Conv1d(1, 2, 3, bias=False, **circ), nn.ReLU(),
                                  nn.Flatten(), lin),
            "Linear has a bias": nn.Sequential(nn.Conv1d(1, 2, 3, bias=False, **circ),
                                               nn.Flatten(), nn.Linear(16, 1)),
            "2 outputs": nn.Sequential(nn.Conv1d(1, 2, 3, bias=False, **circ), nn.Flatten(),
                                       nn.Linear(16, 2, bias=False)),
            "stride": nn.Sequential(nn.Conv1d(1, 2, 3, stride=2, bias=False, **circ),
                                    nn.Flatten(), nn.Linear(8, 1, bias=False)),
            "one Conv1d": nn.Sequential(nn.Flatten(), lin),
            "Conv2d has a bias": nn.Sequential(nn.Conv2d(1, 2, 3, bias=True, **circ),
                                               nn.Flatten(), lin),
            "padding_mode='zeros'": nn.Sequential(nn.Conv2d(1, 2, 3, padding=1, bias=False),
                                                  nn.Flatten(), lin),
            "padding_mode='reflect'": nn.Sequential(
                nn.Conv2d(1, 2, 3, padding=1, padding_mode="reflect", bias=False), nn.Flatten(),
                lin),
            "Conv2d must have stride 1": nn.Sequential(
                nn.Conv2d(1, 2, 3, stride=2, bias=False, **circ), nn.Flatten(),
                nn.Linear(8, 1, bias=False)),
        }
        for pattern, model in cases.items():
            with self.subTest(pattern):
                with self.assertRaisesRegex(ValueError, pattern):
                    from_torch(model)

    def test_a_forward_that_is_not_linear_conv_is_caught(self):
        class Squared(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv1d(1, 2, 3, padding=1, padding_mode="circular", bias=False)
                self.fc = nn.Linear(16, 1, bias=False)

            def forward(self, x):
                return self.fc((self.conv(x) ** 2).flatten(1))

        with self.assertRaisesRegex(ValueError, "does not compute"):
            from_torch(Squared())


class TestCollapseAndBack(unittest.TestCase):
    def test_collapsed_model_computes_the_same_outputs_at_no_larger_cost(self):
        torch.manual_seed(2)
        model = conv1d_model(1, 3, 3, 8, 1)
        net = from_torch(model)
        c = convcert.collapse(net)
        self.assertEqual(c.channels, 1)
        # exact: the float32 weights are rationals; w_in recomputed here in Fractions
        u = [[Fraction(float(x)) for x in net.u[ch, 0]] for ch in range(3)]
        v = [[Fraction(float(x)) for x in net.v[ch]] for ch in range(3)]
        w_in = [sum(u[ch][k] * v[ch][(j - k) % 8] for ch in range(3) for k in range(3))
                for j in range(8)]
        self.assertEqual([Fraction(x) for x in c.certificate.data["claim"]["w"]], w_in)
        self.assertEqual(c.cost_in, sum(x * x for row in u + v for x in row))
        self.assertLessEqual(c.cost_out, c.cost_in + c.slack)
        small = to_torch(c)
        X = np.random.default_rng(4).standard_normal((6, 1, 8))
        np.testing.assert_allclose(model_outputs(small, X), model_outputs(model.double(), X),
                                   atol=1e-9)
        norm = sum(float((p ** 2).sum()) for p in small.parameters())
        self.assertLessEqual(norm, net.cost() * (1 + 1e-12))

    def test_to_torch_round_trip(self):
        rng = np.random.default_rng(5)
        for u_shape, v_shape in [((2, 1, 4), (2, 9)), ((3, 2, 2), (3, 5)),
                                 ((2, 1, 2, 3), (2, 4, 5))]:
            with self.subTest(u=u_shape):
                net = convcert.Network(rng.standard_normal(u_shape), rng.standard_normal(v_shape))
                back = from_torch(to_torch(net), signal_shape=v_shape[1:])
                np.testing.assert_allclose(back.w, net.w, atol=1e-12)
                np.testing.assert_allclose(back.u, net.u, atol=0)

    def test_min_margin(self):
        torch.manual_seed(6)
        model = conv1d_model(2, 2, 3, 5, 1)
        net = from_torch(model)
        X = np.random.default_rng(7).standard_normal((10, 2, 5))
        y = np.where(np.arange(10) % 2, 1.0, -1.0)
        want = np.min(y * model_outputs(model.double(), X))
        self.assertAlmostEqual(net.min_margin(X, y), want, places=12)
        with self.assertRaisesRegex(ValueError, "labels"):
            net.min_margin(X, np.zeros(10))
        with self.assertRaisesRegex(ValueError, "shape"):
            net.min_margin(np.zeros((10, 5)), y)


class TestNpz(unittest.TestCase):
    def test_network_and_predictor_round_trip_exactly(self):
        rng = np.random.default_rng(8)
        net = convcert.Network(rng.standard_normal((3, 1, 2)).astype(np.float32),
                               rng.standard_normal((3, 6)))
        with tempfile.TemporaryDirectory() as tmp:
            convcert.npz.network_save(os.path.join(tmp, "net.npz"), net)
            back = convcert.npz.network_load(os.path.join(tmp, "net.npz"))
            np.testing.assert_array_equal(back.u, net.u)
            np.testing.assert_array_equal(back.v, net.v)
            convcert.npz.predictor_save(os.path.join(tmp, "w.npy"), net.w)
            np.testing.assert_array_equal(convcert.npz.predictor_load(
                os.path.join(tmp, "w.npy")), net.w)
            image = convcert.Network(rng.standard_normal((2, 3, 2, 2)),
                                     rng.standard_normal((2, 4, 5)))  # 2-D, R = 3
            convcert.npz.network_save(os.path.join(tmp, "image.npz"), image)
            back = convcert.npz.network_load(os.path.join(tmp, "image.npz"))
            np.testing.assert_array_equal(back.w, image.w)
            self.assertEqual(back.w.shape, (3, 4, 5))
            np.savez(os.path.join(tmp, "bad.npz"), u=net.u)
            with self.assertRaisesRegex(ValueError, "no array v"):
                convcert.npz.network_load(os.path.join(tmp, "bad.npz"))


if __name__ == "__main__":
    unittest.main()
