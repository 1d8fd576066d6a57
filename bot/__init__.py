"""Core of the rights-alert bot: settings, feed pipeline, classifier, delivery and CLI."""
