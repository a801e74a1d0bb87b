"""Seeded toy data sets: shapes, labels, determinism."""
import numpy as np
import pytest

from backprop import data

SETS = [data.circle, data.xor_quadrants, data.two_gaussians, data.spiral]


@pytest.mark.parametrize("make", SETS)
def test_two_dimensional_sets_have_the_asked_shape_and_binary_labels(make):
    X, T = make(57, noise=0.1, seed=3)
    assert X.shape == (57, 2) and T.shape == (57, 1)
    assert set(np.unique(T)) <= {0.0, 1.0}
    assert 0.3 < T.mean() < 0.7


@pytest.mark.parametrize("make", SETS)
def test_the_same_seed_gives_the_same_set_and_another_seed_a_different_one(make):
    X1, T1 = make(40, seed=5)
    X2, T2 = make(40, seed=5)
    X3, _ = make(40, seed=6)
    assert np.array_equal(X1, X2) and np.array_equal(T1, T2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize(("name", "column"), [("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]),
                                              ("xor", [0, 1, 1, 0])])
def test_logic_tables_are_exact_without_noise(name, column):
    X, T = data.logic(name)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert T.ravel().tolist() == column


def test_noisy_logic_tables_repeat_the_corners():
    X, T = data.logic("xor", n_samples=12, noise=0.05, seed=1)
    assert X.shape == (12, 2) and T.ravel().tolist() == [0, 1, 1, 0] * 3
    assert np.abs(X - np.tile([[0, 0], [0, 1], [1, 0], [1, 1]], (3, 1))).max() < 0.5


def test_xor_quadrant_labels_follow_the_signs_without_noise():
    X, T = data.xor_quadrants(100, noise=0.0, seed=2)
    assert (T.ravel() == ((X[:, 0] > 0) != (X[:, 1] > 0))).all()


def test_circle_labels_points_inside_radius_one_half_without_noise():
    X, T = data.circle(100, noise=0.0, seed=2)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert (T.ravel() == (radius <= 0.5)).all()
