"""Bundled data files (fonts, translations, configuration, data); installed as ``crm_desktop._resources``."""
