"""Reading tracking pages: one event line to a stage (`classify`), a pasted history to
dated events and the answers they imply (`history`)."""
