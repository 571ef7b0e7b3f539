"""The one error an event operation raises: its message is shown to the user as it is."""


class EventError(Exception):
    pass
