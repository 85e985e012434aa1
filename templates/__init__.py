"""The default templates bocompile ships; a project's own templates/ overrides them."""
