"""Format modules that refine Django's own for the platform's languages (FORMAT_MODULE_PATH)."""
