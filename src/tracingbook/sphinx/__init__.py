"""The Sphinx layer: the extensions that turn the executed chapters into the site."""
