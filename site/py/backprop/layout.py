"""Where every weight matrix and bias vector lives inside one flat float64 parameter vector.

Keeping all trainable numbers in one vector lets optimizers, snapshots and finiteness checks
work with a single array call. Layout only: no maths.
"""
import numpy as np


class ParamLayout:
    """Weights first, layer by layer, row-major (to, from); then biases when trainable."""

    def __init__(self, layers, bias):
        pairs = zip(layers[:-1], layers[1:], strict=True)
        self.weight_shapes = [(n_out, n_in) for n_in, n_out in pairs]
        self.bias_shapes = [(n_out,) for n_out in layers[1:]]
        self.bias = bias
        shapes = self.weight_shapes + (self.bias_shapes if bias else [])
        sizes = [int(np.prod(s)) for s in shapes]
        self.offsets = np.cumsum([0] + sizes).tolist()
        self.size = self.offsets[-1]

    def views(self, flat):
        """(weights, biases) as views into `flat`; biases is None when they are not trainable."""
        n = len(self.weight_shapes)
        parts = [
            flat[self.offsets[i]:self.offsets[i + 1]].reshape(shape)
            for i, shape in enumerate(self.weight_shapes + (self.bias_shapes if self.bias else []))
        ]
        return parts[:n], (parts[n:] if self.bias else None)

    def parts(self, flat):
        """(weights, biases) views of `flat`; fixed biases come out as fresh zeros."""
        weights, biases = self.views(flat)
        if biases is None:
            biases = [np.zeros(s) for s in self.bias_shapes]
        return weights, biases

    def split(self, flat):
        """{"weights": [...], "biases": [...]} as copies."""
        weights, biases = self.parts(flat)
        return {"weights": [w.copy() for w in weights], "biases": [b.copy() for b in biases]}
