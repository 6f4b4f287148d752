"""The OBS browser-source overlay of live test mode (an output device, like the printer)."""
