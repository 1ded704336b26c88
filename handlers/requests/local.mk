# handlers/requests: added by its own issue
