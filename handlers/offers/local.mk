# handlers/offers: added by its own issue
