import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable, retryWhileDatabaseUnavailable } from './unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown', pgError('57P02')],
    ['cannot connect now', pgError('57P03', 'the database system is shutting down')],
    ['connection exception class', pgError('08006')],
    ['terminated connection', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
    ['as a cause', new Error('checkout failed', { cause: pgError('ECONNREFUSED') })],
    ['in an AggregateError', new AggregateError([pgError('ECONNREFUSED')], 'all attempts failed')],
    ['a query runner released by its lost connection', new QueryRunnerAlreadyReleasedError()],
  ])('recognises %s', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a syntax error', pgError('42601')],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});

describe('retryWhileDatabaseUnavailable', () => {
  it('retries while the database is unavailable, then returns', async () => {
    let calls = 0;
    const result = await retryWhileDatabaseUnavailable(
      () => {
        calls++;
        return calls < 3 ? Promise.reject(pgError('57P03')) : Promise.resolve('done');
      },
      { intervalMs: 1 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows other errors at once, and gives up after maxWaitMs', async () => {
    let calls = 0;
    await expect(
      retryWhileDatabaseUnavailable(() => {
        calls++;
        return Promise.reject(new Error('boom'));
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
    await expect(
      retryWhileDatabaseUnavailable(() => Promise.reject(pgError('ECONNREFUSED')), { intervalMs: 5, maxWaitMs: 20 }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
