"""Shared fixtures for the engine tests: the seed demo's weights and an empty run registry."""
import pytest
from seed_demo import SPEC_WEIGHTS

from backprop import Network, api


@pytest.fixture
def seed_net():
    net = Network([2, 3, 1], seed=0)
    net.set_params(SPEC_WEIGHTS)
    return net


@pytest.fixture(autouse=True)
def fresh_api():
    """Every test starts with no runs and ids counting from r1."""
    api._registry.update(runs={}, created=0)
    yield api
    api._registry.update(runs={}, created=0)
