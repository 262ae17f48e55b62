/**
 * The import's worker thread: parses the file and checks every row (MeasurementChecker), sending
 * COPY text back in 64 KB pieces. It asks for the file piece by piece and waits for each batch of
 * lines to be written before going on, so neither side holds more than a piece; its heap is
 * capped by the caller (resourceLimits): a file can fail its import, never the server.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { openRows, type ImportFormat } from './import-format';
import { MeasurementChecker, type CheckContext, type CopyTarget } from './measurement-check';

export interface CheckWorkerData {
  context: CheckContext;
  format: ImportFormat;
  target: CopyTarget;
  stopAfterError: boolean;
}

/** Parent → worker. */
export type ToWorker = { piece: Uint8Array } | { end: true } | { ack: true };
/** Worker → parent. */
export type FromWorker =
  | { need: true }
  | { lines: string }
  | { progress: number }
  | { done: ReturnType<MeasurementChecker['result']> }
  | { failed: string };

const port = parentPort!;
const data = workerData as CheckWorkerData;
const send = (message: FromWorker) => port.postMessage(message);

// Pieces and acknowledgements are awaited separately: the parser may ask for the next piece
// while a batch of lines waits to be written.
let pieceWaiter: ((message: ToWorker) => void) | null = null;
let ackWaiter: (() => void) | null = null;
port.on('message', (message: ToWorker) => {
  if ('ack' in message) {
    const resolve = ackWaiter;
    ackWaiter = null;
    resolve?.();
  } else {
    const resolve = pieceWaiter;
    pieceWaiter = null;
    resolve?.(message);
  }
});
const nextPiece = () => new Promise<ToWorker>((resolve) => (pieceWaiter = resolve));
const written = () => new Promise<void>((resolve) => (ackWaiter = resolve));

async function* pieces(): AsyncGenerator<Buffer> {
  for (;;) {
    const arrived = nextPiece();
    send({ need: true });
    const message = await arrived;
    if ('end' in message) return;
    if ('piece' in message) yield Buffer.from(message.piece);
  }
}

async function main() {
  let buffer = '';
  const checker = new MeasurementChecker(data.context, data.target, data.stopAfterError, (line) => {
    buffer += line;
  });
  const { rows } = await openRows(Readable.from(pieces()), data.format);
  for await (const { row, values } of rows) {
    checker.check(row, values);
    if (buffer.length >= 1 << 16) {
      const done = written();
      send({ lines: buffer });
      buffer = '';
      await done;
      send({ progress: checker.processed });
    }
  }
  if (buffer) {
    const done = written();
    send({ lines: buffer });
    await done;
  }
  send({ done: checker.result() });
}

main().catch((error: unknown) => send({ failed: error instanceof Error ? error.message : String(error) }));
