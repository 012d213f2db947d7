"""Running the bot on a server: `kinerja-bot doctor`, `backup` and `restore`."""
