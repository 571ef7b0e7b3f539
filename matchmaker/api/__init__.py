"""The JSON API (/api/v1) and the page where users manage their API tokens."""
