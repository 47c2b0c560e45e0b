/** A word as a POSIX shell reads it back: bare when that is safe, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The arguments after `informal` that resume `runId`: the run's own arguments with any `--resume` replaced, quoted
 * for a shell so that a pattern such as `-t 'a|b'` survives a copy and paste.
 */
export function resumeCommandLine(argv: readonly string[], runId: string): string {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--resume') index++;
    else if (!argument.startsWith('--resume=')) kept.push(argument);
  }
  return [...kept, '--resume', runId].map(shellWord).join(' ');
}
