"""Writers: an Edition to bytes. They know nothing of Markdown or sources."""
