import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnsupportedMediaTypeError } from '../common/errors';
import { loadConfig } from '../config/config';
import { AcceptsBody } from './decorators';
import { StateChangeGuard } from './state-change.guard';

class Routes {
  json(this: void): void {}
  @AcceptsBody('multipart/form-data')
  upload(this: void): void {}
}

function context(handler: keyof Routes, request: Partial<Request>): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** A request as the guard sees it: `host` is Express's (Host, or X-Forwarded-Host behind a trusted proxy). */
function request(method: string, headers: Record<string, string>, host = 'ledger.example.org'): Partial<Request> {
  return { method, headers, host };
}

const guard = new StateChangeGuard(new Reflector(), loadConfig({ CORS_ORIGINS: 'https://reports.example.org' }));
const check = (handler: keyof Routes, req: Partial<Request>) => () => guard.canActivate(context(handler, req));
const JSON_BODY = { 'content-type': 'application/json', 'content-length': '2' };

describe('StateChangeGuard', () => {
  it('lets reads through whatever they carry', () => {
    expect(check('json', request('GET', { origin: 'https://evil.example', 'content-type': 'text/plain' }))()).toBe(
      true,
    );
  });

  it('refuses another site by Origin, and by Sec-Fetch-Site only when there is no Origin', () => {
    for (const origin of ['https://evil.example', 'null', 'https://ledger.example.org.evil.example', 'not a url']) {
      expect(check('json', request('POST', { ...JSON_BODY, origin }))).toThrow(ForbiddenError);
    }
    expect(check('json', request('DELETE', { 'sec-fetch-site': 'cross-site' }))).toThrow(ForbiddenError);
    expect(check('json', request('POST', { ...JSON_BODY, origin: 'https://ledger.example.org' }))()).toBe(true);
    // Behind a TLS-terminating proxy the browser's https origin reaches the server over http.
    expect(check('json', request('POST', { ...JSON_BODY, origin: 'http://ledger.example.org' }))()).toBe(true);
    expect(check('json', request('POST', { ...JSON_BODY, origin: 'http://localhost:3000' }, 'LOCALHOST:3000'))()).toBe(
      true,
    );
    expect(
      check(
        'json',
        request('POST', { ...JSON_BODY, origin: 'https://reports.example.org', 'sec-fetch-site': 'cross-site' }),
      )(),
    ).toBe(true);
    expect(check('json', request('POST', { ...JSON_BODY, 'sec-fetch-site': 'same-site' }))()).toBe(true);
  });

  it('wants JSON bodies on JSON routes and the declared types on upload routes', () => {
    expect(
      check('json', request('POST', { 'content-type': 'application/json; charset=utf-8', 'content-length': '9' }))(),
    ).toBe(true);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      expect(check('json', request('PUT', { 'content-type': type, 'content-length': '9' }))).toThrow(
        UnsupportedMediaTypeError,
      );
    }
    expect(check('json', request('POST', { 'transfer-encoding': 'chunked' }))).toThrow(UnsupportedMediaTypeError);
    expect(
      check('upload', request('POST', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '9' }))(),
    ).toBe(true);
    expect(check('upload', request('POST', JSON_BODY))).toThrow(UnsupportedMediaTypeError);
  });

  it('passes a request without a body whatever its Content-Type says', () => {
    expect(check('json', request('DELETE', { 'content-type': 'text/plain' }))()).toBe(true);
    expect(check('json', request('POST', { 'content-type': 'text/plain', 'content-length': '0' }))()).toBe(true);
  });
});
