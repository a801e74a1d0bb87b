"""The engine's own exception types; invalid input uses the built-in ValueError."""


class DivergenceError(ArithmeticError):
    """A step would make the loss or a parameter non-finite, or blow the loss up.

    Raised before anything is committed: parameters and optimizer state stay exactly
    as they were before the failing step.
    """
