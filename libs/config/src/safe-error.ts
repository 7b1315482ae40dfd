import { createHash } from 'node:crypto';

/**
 * An error whose message this code wrote from constants and identifiers only, never from
 * submitted content, so it may be logged, stored as a failure reason and kept by BullMQ.
 * Every other error's message is withheld: a driver or library message can quote a value.
 */
export class SafeMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafeMessageError';
  }
}

/** What a log line may say about an error: its kind, codes, statement name and code frames. */
export interface SafeErrorLog {
  type: string;
  reason: string;
  sqlState?: string;
  query?: string;
  stack?: string;
}

// SQLSTATEs this system meets; others are logged by code alone.
const CONDITION_NAMES: Record<string, string> = {
  '40P01': 'deadlock_detected',
  '40001': 'serialization_failure',
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23502': 'not_null_violation',
  '23514': 'check_violation',
  '22P02': 'invalid_text_representation',
  '22001': 'string_data_right_truncation',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '25P02': 'in_failed_sql_transaction',
  '53300': 'too_many_connections',
  '55P03': 'lock_not_available',
  '57014': 'query_canceled',
  '57P01': 'admin_shutdown',
  P0001: 'raise_exception',
};

const SQLSTATE = /^[0-9A-Z]{5}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,60}$/;
const MAX_FRAMES = 12;

/** The SQLSTATE of a PostgreSQL error, whether TypeORM wrapped it or not. */
export function sqlStateOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && SQLSTATE.test(code) && !code.startsWith('E') ? code : undefined;
}

/**
 * Names a statement without quoting it: its verb, the table it acts on and a short hash of the
 * whole text, e.g. `insert complaint #3f9a1c2b`. Enough to find it in the code, never a value.
 */
export function statementName(sql: string | undefined): string {
  if (!sql) return 'unknown statement';
  const text = sql.replace(/\s+/g, ' ').trim();
  const fingerprint = createHash('sha256').update(text).digest('hex').slice(0, 8);
  const action = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|SELECT|LOCK\s+TABLE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/i.exec(text);
  const verb = action ? action[1].split(/\s+/)[0].toLowerCase() : (/^\s*(\w+)/.exec(text)?.[1] ?? 'statement').toLowerCase();
  const target = action && !/^(select|unnest)$/i.test(action[2]) ? ` ${action[2].toLowerCase()}` : '';
  return `${verb}${target} #${fingerprint}`;
}

/** One line for a log field or a stored failure reason, free of any submitted content. */
export function safeErrorReason(error: unknown): string {
  const sqlState = sqlStateOf(error);
  if (sqlState) {
    const query = (error as { query?: unknown }).query;
    const where = typeof query === 'string' ? ` in ${statementName(query)}` : '';
    return `database error ${sqlState} (${CONDITION_NAMES[sqlState] ?? 'see SQLSTATE'})${where}`;
  }
  if (error instanceof SafeMessageError) return error.message;
  const system = systemError(error);
  if (system) return system;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' && ERROR_CODE.test(code) ? ` ${code}` : ''} (message withheld: it may quote submitted content)`;
  }
  return `${typeof error} thrown (withheld)`;
}

/** The structured form of `safeErrorReason` for a log line: the stack's code frames, never its message. */
export function safeErrorLog(error: unknown): SafeErrorLog {
  const query = (error as { query?: unknown } | null)?.query;
  const sqlState = sqlStateOf(error);
  return {
    type: error instanceof Error ? error.name : typeof error,
    reason: safeErrorReason(error),
    ...(sqlState ? { sqlState } : {}),
    ...(sqlState && typeof query === 'string' ? { query: statementName(query) } : {}),
    ...(error instanceof Error ? { stack: codeFrames(error) } : {}),
  };
}

/**
 * A copy of any error that is safe to hand to code that stores or prints messages (BullMQ keeps
 * `failedReason` and the stack in Redis): the safe reason as message, the original code frames.
 */
export function toSafeError(error: unknown): SafeMessageError {
  if (error instanceof SafeMessageError) return error;
  const safe = new SafeMessageError(safeErrorReason(error));
  if (error instanceof Error) safe.stack = `${safe.name}: ${safe.message}\n${codeFrames(error)}`;
  return safe;
}

/** Only the `at …` lines: function names and file positions, written by us or our dependencies. */
function codeFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .join('\n');
}

/** Node's own network and file errors describe themselves by code and call, which we keep. */
function systemError(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; syscall?: unknown; address?: unknown; port?: unknown } | null;
  if (typeof candidate?.code !== 'string' || typeof candidate.syscall !== 'string' || !ERROR_CODE.test(candidate.code)) return undefined;
  const target = typeof candidate.address === 'string' ? ` ${candidate.address}${typeof candidate.port === 'number' ? `:${candidate.port}` : ''}` : '';
  return `${candidate.code} (${candidate.syscall}${target})`;
}
