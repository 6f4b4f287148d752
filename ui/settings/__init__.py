"""The settings screen (manager only): settings.toml edited with validation in plain words,
and enrollment with the central platform by a code typed on screen."""
