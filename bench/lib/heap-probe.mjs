// Loaded into the bench's server process only, never into Shuyun itself. On SIGUSR2 it runs a full
// garbage collection and appends what the server then still holds (V8 heap and buffers) to the file
// named by BENCH_HEAP_PROBE. Resident memory alone also counts garbage that V8 has not collected yet:
// it defers full collections while the heap has room, so RSS climbs during a long stream even when
// nothing is kept.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_HEAP_PROBE;
if (file && typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    globalThis.gc();
    const { heapUsed, external, rss } = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ heapUsed, external, rss })}\n`);
  });
}
