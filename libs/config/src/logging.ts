import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import type { AppConfig } from './app-config';

/**
 * JSON logs. Request bodies are never logged (they carry complaint text), nor are
 * credentials; only method, route and timings.
 */
export function loggingParams(config: AppConfig, name: string): Params {
  return {
    pinoHttp: {
      name,
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      ...(config.logFile ? { stream: destination({ dest: config.logFile, sync: true, mkdir: true }) } : {}),
    },
  };
}
