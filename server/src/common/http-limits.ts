import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { ERROR_CODE_LOCAL, type ErrorBody } from './http-error.filter';

/**
 * How long an idle keep-alive connection stays open: longer than any proxy or load balancer in
 * front keeps its side (AWS ALB 60 s, nginx `keepalive_timeout` 75 s upstream default is not
 * used for upstreams, Caddy 2 min only client-side), so that the proxy always closes first and
 * never reuses a connection we are closing. Advertised in the `Keep-Alive: timeout=65` header.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Must exceed the keep-alive timeout (Node's rule), or a slow request on a reused socket is cut. */
export const HEADERS_TIMEOUT_MS = 66_000;
/** Longest request target (path and query) answered normally; longer gets 414. */
export const MAX_URL_LENGTH = 8 * 1024;

function errorBody(statusCode: number, error: string, code: string, message: string): ErrorBody {
  return { statusCode, error, code, message };
}

const URI_TOO_LONG = errorBody(
  414,
  'URI Too Long',
  'uri_too_long',
  `the request URL is longer than ${MAX_URL_LENGTH} characters; narrow the filter (fewer ids or shorter text per request)`,
);
const HEADERS_TOO_LARGE = errorBody(
  431,
  'Request Header Fields Too Large',
  'header_fields_too_large',
  'the request headers (with the URL) are too large; send fewer or smaller cookies and headers',
);

/** Express middleware: 414 with the error shape for an over-long URL. */
export function limitUrlLength(req: Request, res: Response, next: NextFunction): void {
  if (req.originalUrl.length > MAX_URL_LENGTH) {
    (res.locals as Record<string, unknown>)[ERROR_CODE_LOCAL] = URI_TOO_LONG.code;
    res.status(414).json(URI_TOO_LONG);
    return;
  }
  next();
}

/** Writes a whole HTTP response on a socket the parser gave up on, then closes it. */
function answerRaw(socket: Duplex, body: ErrorBody): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${body.statusCode} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * Keep-alive and header timeouts as above, and answers for requests Node's parser refuses before
 * any handler runs: headers over Node's limit get 431 (414 when the request line alone is longer than
 * MAX_URL_LENGTH), other malformed requests 400, with our error shape rather than a reset connection.
 */
export function applyHttpLimits(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const raw = error.rawPacket ?? Buffer.alloc(0);
      const lineEnd = raw.indexOf('\r\n');
      const requestLine = lineEnd === -1 ? raw.length : lineEnd;
      answerRaw(socket, requestLine > MAX_URL_LENGTH ? URI_TOO_LONG : HEADERS_TOO_LARGE);
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      answerRaw(socket, errorBody(408, 'Request Timeout', 'request_timeout', 'the request was not sent in time'));
    } else if (error.code === 'ECONNRESET') {
      socket.destroy();
    } else {
      answerRaw(socket, errorBody(400, 'Bad Request', 'bad_request', 'the request is not valid HTTP'));
    }
  });
}
