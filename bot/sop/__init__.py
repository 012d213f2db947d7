"""The SOP itself: the step table, the yearly cycles, and the workflow that moves step states."""
