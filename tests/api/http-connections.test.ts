import { Agent, request } from 'node:http';
import { connect } from 'node:net';

/**
 * Issue 18: connections that proxies and clients reuse are not cut under them, and requests Node's
 * parser refuses still get an answer in the error shape (not a reset connection).
 */
const base = () => new URL(process.env.LEDGER_BASE_URL!);

function get(agent: Agent, path: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; reused: boolean; body: string }>(
    (resolve, reject) => {
      const req = request({ host: base().hostname, port: base().port, path, agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, reused: req.reusedSocket, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Sends `head` as raw bytes and returns the whole answer (the server closes after it). */
function raw(head: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(base().port), base().hostname, () => socket.end(head));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

describe('HTTP connections', () => {
  it('keeps an idle keep-alive connection open longer than a load balancer does, and says so', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent, '/api/health/live');
      expect(first.status).toBe(200);
      expect(first.headers['keep-alive']).toBe('timeout=65');
      // Node's default would have closed the connection after 5 s of idleness.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const second = await get(agent, '/api/health/live');
      expect(second).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('answers an over-long URL with 414 and over-large headers with 431, in the error shape', async () => {
    const agent = new Agent({ keepAlive: false });
    try {
      const long = await get(agent, `/api/programs?filter=${'a'.repeat(9_000)}`);
      expect(long.status).toBe(414);
      expect(JSON.parse(long.body)).toMatchObject({ statusCode: 414, code: 'uri_too_long' });
    } finally {
      agent.destroy();
    }
    const host = `Host: ${base().host}\r\n`;
    const veryLong = await raw(`GET /api/programs?filter=${'a'.repeat(40_000)} HTTP/1.1\r\n${host}\r\n`);
    expect(veryLong.split('\r\n')[0]).toBe('HTTP/1.1 414 URI Too Long');
    expect(bodyOf(veryLong)).toMatchObject({ statusCode: 414, code: 'uri_too_long' });
    const bigHeader = await raw(`GET /api/health/live HTTP/1.1\r\n${host}X-Big: ${'b'.repeat(40_000)}\r\n\r\n`);
    expect(bigHeader.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(bodyOf(bigHeader)).toMatchObject({ statusCode: 431, code: 'header_fields_too_large' });
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(bodyOf(garbage)).toMatchObject({ statusCode: 400, code: 'bad_request' });
  });
});
