"""The citizen's pages: applying (`apply`) and following one's dossiers (`follow`)."""
