import { execFile } from 'node:child_process';

export interface ProgramOptions {
  /** Run as this user and group (PostgreSQL's own programs refuse root). */
  uid?: number;
  gid?: number;
  /** Added to the environment (which always has LC_ALL=C: messages we can read back). */
  env?: NodeJS.ProcessEnv;
}

/** Runs a PostgreSQL program (initdb, pg_ctl, pg_dump, …) to its end: exit code and everything it printed. */
export function runProgram(
  command: string,
  args: string[],
  { uid, gid, env = {} }: ProgramOptions = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { uid, gid, env: { ...process.env, LC_ALL: 'C', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}
