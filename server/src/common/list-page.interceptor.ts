import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import { ListPage } from './list-query';

/** Sends a `ListPage` as a JSON array with `Content-Range: <resource> <start>-<end>/<total>`. */
@Injectable()
export class ListPageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof ListPage)) return result;
        context.switchToHttp().getResponse<Response>().setHeader('Content-Range', result.contentRange);
        return result.items as unknown;
      }),
    );
  }
}
