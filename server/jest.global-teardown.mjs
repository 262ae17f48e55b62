export default async function globalTeardown() {
  await globalThis.__LEDGER_DB__?.stop();
}
