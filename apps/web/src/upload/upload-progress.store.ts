import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { FieldError } from '@app/intake';
import { WEB_REDIS } from '../session/session.module';

/** How long an upload's progress and results stay viewable; the complaints themselves stay in PostgreSQL. */
export const UPLOAD_TTL_SECONDS = 7 * 24 * 3600;
/** A running upload writes its progress after every chunk; this long without a write, it has stopped. */
export const UPLOAD_STALL_MS = 60_000;

export type UploadPhase = 'processing' | 'finished' | 'interrupted';

export interface UploadProgress {
  id: string;
  organisationId: string;
  fileName: string;
  phase: UploadPhase;
  /** Data rows in the file (the header not counted). */
  total: number;
  done: number;
  accepted: number;
  rejected: number;
  startedAt: number;
  updatedAt: number;
}

/** A data row by its position in the file: `index` 0 is the first row after the header. */
export interface RejectedRow {
  index: number;
  details: FieldError[];
}

export interface AcceptedRow {
  index: number;
  reference: string;
  id: string;
}

/**
 * Each upload's progress and per-row results, in Redis with a TTL, so they outlive a restart
 * of the web app and every replica sees the same. Keys hold the organisation, so an upload
 * id is found only by its own organisation: another body's id is simply not there.
 * Rows are kept as their index and reference, errors as field and message: no complaint text.
 */
@Injectable()
export class UploadProgressStore {
  private readonly prefix: string;

  constructor(
    @Inject(WEB_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:web:upload:`;
  }

  async create(organisationId: string, fileName: string, total: number, now = Date.now()): Promise<UploadProgress> {
    const progress: UploadProgress = { id: randomUUID(), organisationId, fileName, phase: 'processing', total, done: 0, accepted: 0, rejected: 0, startedAt: now, updatedAt: now };
    const key = this.key(organisationId, progress.id);
    await this.redis.multi().hset(key, serialise(progress)).expire(key, UPLOAD_TTL_SECONDS).exec();
    return progress;
  }

  /** Adds one stored chunk's results and moves the counters on, atomically. */
  async recordChunk(organisationId: string, id: string, accepted: AcceptedRow[], rejected: RejectedRow[], now = Date.now()): Promise<void> {
    const key = this.key(organisationId, id);
    const tx = this.redis.multi();
    if (accepted.length > 0) tx.rpush(`${key}:accepted`, ...accepted.map((row) => JSON.stringify(row)));
    if (rejected.length > 0) tx.rpush(`${key}:rejected`, ...rejected.map((row) => JSON.stringify(row)));
    tx.hincrby(key, 'done', accepted.length + rejected.length)
      .hincrby(key, 'accepted', accepted.length)
      .hincrby(key, 'rejected', rejected.length)
      .hset(key, 'updatedAt', String(now));
    for (const k of [key, `${key}:accepted`, `${key}:rejected`]) tx.expire(k, UPLOAD_TTL_SECONDS);
    await tx.exec();
  }

  async setPhase(organisationId: string, id: string, phase: UploadPhase, now = Date.now()): Promise<void> {
    await this.redis.hset(this.key(organisationId, id), { phase, updatedAt: String(now) });
  }

  /** The upload if it belongs to this organisation; a running one silent for too long reads as interrupted. */
  async find(organisationId: string, id: string, now = Date.now()): Promise<UploadProgress | undefined> {
    if (!isUploadId(id)) return undefined;
    const fields = await this.redis.hgetall(this.key(organisationId, id));
    if (!fields.id) return undefined;
    const progress = deserialise(fields);
    if (progress.phase === 'processing' && now - progress.updatedAt > UPLOAD_STALL_MS) progress.phase = 'interrupted';
    return progress;
  }

  async rejectedRows(organisationId: string, id: string): Promise<RejectedRow[]> {
    const rows = await this.redis.lrange(`${this.key(organisationId, id)}:rejected`, 0, -1);
    return rows.map((row) => JSON.parse(row) as RejectedRow);
  }

  /** One page of accepted rows, in file order (chunks are recorded in order). */
  async acceptedRows(organisationId: string, id: string, offset: number, count: number): Promise<AcceptedRow[]> {
    const rows = await this.redis.lrange(`${this.key(organisationId, id)}:accepted`, offset, offset + count - 1);
    return rows.map((row) => JSON.parse(row) as AcceptedRow);
  }

  private key(organisationId: string, id: string): string {
    return `${this.prefix}${organisationId}:${id}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUploadId(id: string): boolean {
  return UUID.test(id);
}

function serialise(progress: UploadProgress): Record<string, string> {
  return Object.fromEntries(Object.entries(progress).map(([name, value]) => [name, String(value)]));
}

function deserialise(fields: Record<string, string>): UploadProgress {
  const number = (name: string) => Number(fields[name] ?? 0);
  return {
    id: fields.id,
    organisationId: fields.organisationId,
    fileName: fields.fileName ?? '',
    phase: (fields.phase as UploadPhase) ?? 'processing',
    total: number('total'),
    done: number('done'),
    accepted: number('accepted'),
    rejected: number('rejected'),
    startedAt: number('startedAt'),
    updatedAt: number('updatedAt'),
  };
}
