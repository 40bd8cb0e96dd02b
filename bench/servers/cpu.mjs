// What every benchmark server shares: the CPU time of this process so far (read before and
// after the measured load through GET /__cpu), the port from argv, and a clean stop.
export const variantAndPort = () => {
  const [variant, port] = process.argv.slice(2);
  return { variant, port: Number(port) };
};

/** CPU microseconds this process has used, as the JSON body of `/__cpu`. */
export const cpuBody = () => {
  const { user, system } = process.cpuUsage();
  return JSON.stringify({ micros: user + system });
};

/** Announces readiness to the benchmark and stops on SIGTERM. */
export function ready(server) {
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

export const unknown = (variant) => {
  throw new Error(`unknown variant ${variant}`);
};
