# handlers/matches: added by its own issue
