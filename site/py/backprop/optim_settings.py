"""How the page names each optimizer setting (the keys of optim.SPEC_KEYS): per number a setting
holds, its label, the field rule that checks it (fields.RULES) and a one-line meaning. Text only.
"""

SETTINGS = {
    "lr": [{"rule": "lr", "label": "Learning rate η",
            "title": "η scales every step: Δw is proportional to η."}],
    "momentum": [{"rule": "momentum", "label": "Momentum μ",
                  "title": "μ: how much of the velocity v each step keeps (0 keeps none)."}],
    "alpha": [{"rule": "alpha", "label": "Smoothing α",
               "title": "α: how much of the square average s each step keeps."}],
    "betas": [
        {"rule": "beta1", "label": "β₁ (mean)",
         "title": "β₁: how much of the running mean m each step keeps."},
        {"rule": "beta2", "label": "β₂ (square)",
         "title": "β₂: how much of the running square mean s each step keeps."},
    ],
    "eps": [{"rule": "eps", "label": "ε",
             "title": "ε: added to √s so that a weight with tiny gradients takes no huge step."}],
    "lr_decay": [{"rule": "lr_decay", "label": "Rate decay d",
                  "title": "d: update k uses η / (1 + (k − 1)·d); 0 keeps η as it is."}],
    "initial_accumulator_value": [{"rule": "initial_accumulator_value",
                                   "label": "Starting sum s₀",
                                   "title": "s₀: the square sum s before the first step."}],
}
