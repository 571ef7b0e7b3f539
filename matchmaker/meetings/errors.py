"""The one error a meeting operation raises: its message is shown to the user as it is."""


class MeetingError(Exception):
    pass
