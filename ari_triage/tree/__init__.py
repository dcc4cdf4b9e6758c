"""Decision trees written by the clinic's admins: loading (with line numbers), validation, the pure
interpreter, rendering."""
