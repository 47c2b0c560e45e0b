import type { Readable } from 'node:stream';

/**
 * The end of what a process wrote to a stream (its stderr), bounded in characters, for error messages: a server
 * that fails says why on stderr, and its last lines are what a user needs to see. Nothing is printed.
 */
export class StderrTail {
  private text = '';
  /** Whether older text was dropped: the first line kept is then a fragment, and is left out. */
  private cut = false;
  private readonly finished: Promise<void>;
  private finish: () => void = () => {};

  /**
   * @param maxChars The most characters kept (the latest ones).
   */
  constructor(private readonly maxChars = 8000) {
    this.finished = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  /** Starts keeping what `stream` writes; the tail is complete once the stream ends. */
  attach(stream: Readable | null): void {
    if (!stream) {
      this.finish();
      return;
    }
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const text = this.text + chunk;
      this.cut ||= text.length > this.maxChars;
      this.text = text.slice(-this.maxChars);
    });
    stream.once('end', () => this.finish());
    stream.once('close', () => this.finish());
    stream.once('error', () => this.finish());
  }

  /**
   * Resolves when the stream has ended (all it wrote is kept), or after `waitMs` when it has not: a process that
   * left a child holding its stderr must not keep an error from being reported.
   */
  async settled(waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([this.finished, deadline]);
    clearTimeout(timer);
  }

  /** The last `count` non-empty lines, oldest first, without trailing spaces. */
  lines(count = 10): string[] {
    const whole = this.cut ? this.text.slice(this.text.indexOf('\n') + 1) : this.text;
    return whole
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .filter((line) => line !== '')
      .slice(-count);
  }
}
