"""One-to-one meetings (洽谈) at an event: requests, the agenda, personal agendas and the day."""
