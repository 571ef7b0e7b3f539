"""The one error a deals operation raises: its message is shown to the user as it is."""


class DealError(Exception):
    pass
