// Preloaded (`node --import`) into every long-running child `npm start` spawns. The child's IPC channel to
// the supervisor closes when the supervisor dies, however it dies (SIGKILL included): the child then stops
// as it would on SIGTERM, so no server outlives `npm start` holding its port.
if (process.channel) {
  // The channel must not keep the child alive once its own work is done.
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
