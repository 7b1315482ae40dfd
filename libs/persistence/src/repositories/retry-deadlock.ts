/** PostgreSQL's SQLSTATE for a transaction chosen as the victim of a deadlock. */
const DEADLOCK_DETECTED = '40P01';
const ATTEMPTS = 3;

/** The SQLSTATE of a driver error, whether TypeORM wrapped it or not. */
function sqlState(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs an idempotent statement again when PostgreSQL broke a deadlock by aborting it. Ingest's
 * upsert locks complaint rows in (organisation, reference) order, the worker's batch updates in
 * its batch's order, so the two can meet in a deadlock; the aborted side has changed nothing,
 * and its caller would otherwise answer 500 for a record it could simply write again.
 */
export async function retryOnDeadlock<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await statement();
    } catch (error) {
      if (attempt >= ATTEMPTS || sqlState(error) !== DEADLOCK_DETECTED) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}
