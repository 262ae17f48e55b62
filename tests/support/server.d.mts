import type { ChildProcess } from 'node:child_process';

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}
export function freePort(): Promise<number>;
export function startServer(options: { databaseUrl: string; env?: Record<string, string> }): Promise<RunningServer>;
