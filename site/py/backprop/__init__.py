"""Backprop Lab's engine: an exact, explainable multilayer perceptron in Python + numpy.

Pure maths (numpy and the standard library only); backprop.api is the bridge JS calls.
"""
from . import data, optim
from .chain_rule import explain
from .errors import DivergenceError
from .gradcheck import gradient_check
from .network import Network

__all__ = ["Network", "DivergenceError", "gradient_check", "explain", "optim", "data"]
