import { QueryFailedError } from 'typeorm';
import { HttpErrorFilter } from './http-error.filter';

const databaseError = (code: string) =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error('refused'), { code }));

describe('HttpErrorFilter and PostgreSQL errors that are the client’s fault', () => {
  it.each(['22021', '22P05', '22001', '22P02', '22003'])(
    'maps %s (bad or oversized text, bad number) to a 400',
    (code) => {
      expect(new HttpErrorFilter().toBody(databaseError(code))).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'invalid_value',
        message: 'A value has the wrong format or is out of range',
      });
    },
  );

  it('keeps anything else a 500 that says nothing of the cause', () => {
    expect(new HttpErrorFilter().toBody(databaseError('XX000'))).toMatchObject({
      statusCode: 500,
      code: 'internal_error',
    });
  });
});
