"""Import page-shaped plain text of a newspaper page into an edition."""
