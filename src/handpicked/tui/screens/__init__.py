"""One module per screen; the app imports the ones it shows first, the others when needed."""
