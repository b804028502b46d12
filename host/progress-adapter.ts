import cliProgress from 'cli-progress';

// A progress bar for runs longer than a second, on a TTY only. Reading the wall clock is allowed
// here: this is an edge facing a person (ARCHITECTURE.md), it never feeds the simulation.
const SHOW_AFTER_MS = 1_000; // wall-clock ok: progress display only

export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const startedAt = Date.now(); // wall-clock ok: progress display only
  let bar: cliProgress.SingleBar | undefined;
  let lastPercent = -1;
  return {
    update(fraction: number) {
      const percent = Math.floor(fraction * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      if (!bar) {
        if (Date.now() - startedAt < SHOW_AFTER_MS) return; // wall-clock ok: progress display only
        bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | ETA {eta}s`, stream, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(100, percent);
      }
      bar.update(percent);
    },
    stop() {
      bar?.stop();
    },
  };
}
