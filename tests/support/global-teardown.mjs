export default async function globalTeardown() {
  const ledger = globalThis.__LEDGER__;
  if (!ledger) return;
  const code = await ledger.server.stop();
  await ledger.database.stop();
  if (code !== 0) {
    process.stderr.write(`server exited with code ${code} on SIGTERM:\n${ledger.server.output()}\n`);
    process.exitCode = 1;
  }
}
