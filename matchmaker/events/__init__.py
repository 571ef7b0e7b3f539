"""Matchmaking events: the year plan, events, invitations."""
