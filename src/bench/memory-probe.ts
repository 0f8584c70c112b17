/**
 * Preloaded into a server the bench starts (`node --expose-gc -r memory-probe.js`): asked
 * over the IPC channel, it collects garbage and answers with the process's memory, so
 * the server's own code carries nothing for the bench.
 */
if (process.send) {
  process.on('message', (message: unknown) => {
    if (message !== 'memory') return;
    const collect = (globalThis as { gc?: () => void }).gc;
    collect?.();
    collect?.();
    process.send?.({ memory: process.memoryUsage() });
  });
  // The channel alone does not keep the server running.
  process.channel?.unref();
}

export {};
