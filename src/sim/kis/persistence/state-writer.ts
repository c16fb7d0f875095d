import { writeFileAtomically } from './state-file';
import type { SimState } from './state-schema';

export interface StateWriterOptions {
  file: string;
  /** Taken when the write starts, so one write covers every change made before it. */
  capture: () => SimState;
  delayMs: number;
  onWarning: (message: string) => void;
}

/**
 * Saves the simulator state after changes, debounced: a burst of orders and fills is one write. Writes run one
 * at a time in order; a failed write is reported and the next change tries again.
 */
export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private closed = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: StateWriterOptions) {}

  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.flush(), this.options.delayMs);
  }

  /** Writes now if anything changed; resolves when every write so far has finished. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) {
      this.dirty = false;
      const text = `${JSON.stringify(this.options.capture(), null, 2)}\n`;
      this.writing = this.writing
        .then(() => writeFileAtomically(this.options.file, text))
        .catch((error: unknown) => {
          this.dirty = true;
          this.options.onWarning(
            `KIS simulator: could not save state to ${this.options.file}: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
    }
    return this.writing;
  }

  /** Writes what is pending; changes after this call are not saved. */
  close(): Promise<void> {
    this.closed = true;
    return this.flush();
  }
}
