"""The short names the page gives neurons and weights (I1, H2, H1.3, O, O2; "I1 → H3"), so that
every sentence the engine writes names them as the drawing does. Pure; no numpy.
"""


def node_name(layers, layer, index):
    """layers: the layer sizes; layer 0 is the input. H<k> with one hidden layer, else H<l>.<k>."""
    last = len(layers) - 1
    if layer == 0:
        return f"I{index + 1}"
    if layer == last:
        return "O" if layers[last] == 1 else f"O{index + 1}"
    return f"H{index + 1}" if last == 2 else f"H{layer}.{index + 1}"


def edge_name(layers, layer, to, frm):
    """The weight weights[layer][to][frm], e.g. "I1 → H3"."""
    return f"{node_name(layers, layer, frm)} → {node_name(layers, layer + 1, to)}"


def join_names(names):
    """"H1", "H1 and H2", "H1, H2 and H3"."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
