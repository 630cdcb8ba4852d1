// An empty application: what start-up costs with nothing else to do.
