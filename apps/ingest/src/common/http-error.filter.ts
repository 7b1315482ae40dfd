import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { safeErrorLog } from '@app/config';
import { ApiError, ErrorBody } from './api-error';

interface FastifyStyleError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Every error leaves the API in one shape: {statusCode, error, message, details}. Nest routes
 * Fastify's own errors (body too large, malformed JSON) through this filter too.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      // Never the message or the stack's first line: a database error quotes values (complaint text).
      this.logger.error({ error: safeErrorLog(exception) }, 'request failed');
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ApiError) {
      return envelope(exception.getStatus(), exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : messageOf(response) ?? exception.message;
      return envelope(exception.getStatus(), message, []);
    }
    const fastifyError = exception as FastifyStyleError;
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return envelope(fastifyError.statusCode, clientErrorMessage(exception, fastifyError), []);
    }
    return envelope(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', []);
  }
}

export function envelope(statusCode: number, message: string, details: ErrorBody['details']): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details };
}

/**
 * Fastify's own errors (`FST_…`) have fixed messages. Anything else reaching here is a parser's
 * error, and JSON.parse quotes the text around the fault — the caller's complaint text.
 */
function clientErrorMessage(exception: unknown, error: FastifyStyleError): string {
  if (typeof error.code === 'string' && error.code.startsWith('FST_') && error.message) return error.message;
  if (exception instanceof SyntaxError) return 'The body is not valid JSON';
  return STATUS_CODES[error.statusCode ?? 400] ?? 'Bad request';
}

function messageOf(response: object): string | undefined {
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}
