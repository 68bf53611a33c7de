"""Getting records into Zotero: the Web API v3 (:mod:`refs.zotero.webapi`), the desktop
connector (:mod:`refs.zotero.connector`), and the CSL → Zotero item mapping both rely on
(:mod:`refs.zotero.mapping`)."""
