// Preloaded into every function instance: when the emulator that spawned it dies, however it dies,
// the IPC channel closes and the instance exits instead of lingering as an orphan.
process.on('disconnect', () => process.exit(0));
