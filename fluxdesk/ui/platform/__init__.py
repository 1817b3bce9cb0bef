"""Where the window meets the desktop: notifications, file managers."""
