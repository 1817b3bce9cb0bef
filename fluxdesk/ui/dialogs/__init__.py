"""Windows and dialogs beside the main window: settings, export."""
