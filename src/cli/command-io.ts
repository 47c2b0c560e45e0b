/** What a command may touch of the process: its working folder, its two output streams, and Ctrl-C. */
export interface CommandIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal (for live progress). */
  readonly interactive?: boolean;
  /** Subscribes to Ctrl-C (SIGINT and SIGTERM); returns the unsubscribe function. */
  readonly onInterrupt?: (listener: () => void) => () => void;
  /** The environment variables a command may read (`--shard auto/n`); the process's own when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
