import { readdirSync, readFileSync } from 'node:fs';
import type { RuntimeDefiner } from './runtime-options';

// /proc/self/status sizes are in kB; prom-client reads the same three fields on Linux.
function procStatus(): Record<string, number> | undefined {
  try {
    const status: Record<string, number> = {};
    for (const line of readFileSync('/proc/self/status', 'utf8').split('\n')) {
      const match = /^(VmRSS|VmSize|VmData):\s+(\d+)\s+kB/.exec(line);
      if (match) status[match[1] as string] = Number(match[2]) * 1024;
    }
    return status;
  } catch {
    return undefined;
  }
}

function maxFds(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s+/)[3]);
    return Number.isFinite(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}

/** Process CPU, start time, memory and file descriptors, named as prom-client names them. */
export function processMetrics(define: RuntimeDefiner): void {
  define.counter('process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', () => process.cpuUsage().user / 1e6);
  define.counter('process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.', () => process.cpuUsage().system / 1e6);
  define.counter('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  });
  const start = Math.round(Date.now() / 1000 - process.uptime());
  define.gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', () => start);
  const linux = process.platform === 'linux';
  define.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () => (linux ? procStatus()?.VmRSS : undefined) ?? process.memoryUsage.rss());
  if (!linux) return;
  define.gauge('process_virtual_memory_bytes', 'Virtual memory size in bytes.', () => procStatus()?.VmSize);
  define.gauge('process_heap_bytes', 'Process heap size in bytes.', () => procStatus()?.VmData);
  define.gauge('process_open_fds', 'Number of open file descriptors.', () => {
    try {
      // The directory handle readdirSync holds while reading is one of the entries.
      return readdirSync('/proc/self/fd').length - 1;
    } catch {
      return undefined;
    }
  });
  const max = maxFds();
  if (max !== undefined) define.gauge('process_max_fds', 'Maximum number of open file descriptors.', () => max);
}
