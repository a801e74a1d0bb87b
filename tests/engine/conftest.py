"""Shared fixtures for the engine tests: the seed demo's weights and a fresh api session."""
import pytest
from seed_demo import SPEC_WEIGHTS

from backprop import Network, api


@pytest.fixture
def seed_net():
    net = Network([2, 3, 1], seed=0)
    net.set_params(SPEC_WEIGHTS)
    return net


@pytest.fixture
def fresh_api():
    api._current["session"] = None
    yield api
    api._current["session"] = None
