import { gunzipSync, gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRepository, type AuditActor } from './audit.repository';
import { execute, queryRows } from './query-rows';

export type ClassifierModelStatus = 'candidate' | 'active' | 'retired';

/** A registered model without its artefact (the artefact is megabytes; only a loading worker reads it). */
export interface ClassifierModelRow {
  version: string;
  codeVersion: string;
  builtIn: boolean;
  status: ClassifierModelStatus;
  reason: string;
  /** Counts of what it was trained on (corpus, reviews trained, reviews held out…). */
  training: Record<string, unknown>;
  /** Its figures on the three sets, when it was judged. */
  evaluation: Record<string, unknown> | null;
  /** The model that was active when it was judged, on the same sets. */
  activeEvaluation: Record<string, unknown> | null;
  artefactSha256: string | null;
  createdAt: Date;
  statusChangedAt: Date;
}

export interface NewCandidate {
  version: string;
  codeVersion: string;
  reason: string;
  training: Record<string, unknown>;
  evaluation: Record<string, unknown>;
  activeEvaluation: Record<string, unknown>;
  artefactSha256: string;
  /** The serialised model (JSON); stored gzipped. */
  artefactJson: string;
}

export type StatusChange = { ok: true; row: ClassifierModelRow } | { ok: false; problem: 'not-found' | 'already' | 'incompatible' | 'active' };

const COLUMNS = `version, code_version AS "codeVersion", built_in AS "builtIn", status, reason, training, evaluation,
  active_evaluation AS "activeEvaluation", artefact_sha256 AS "artefactSha256", created_at AS "createdAt", status_changed_at AS "statusChangedAt"`;
/** Serialises registry changes: registration of the built-in model and activations. */
const REGISTRY_LOCK = 0x636c6601;

@Injectable()
export class ClassifierModelRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  list(): Promise<ClassifierModelRow[]> {
    return queryRows<ClassifierModelRow>(this.db, `SELECT ${COLUMNS} FROM classifier_model ORDER BY created_at DESC, version`);
  }

  async get(version: string): Promise<ClassifierModelRow | undefined> {
    return (await queryRows<ClassifierModelRow>(this.db, `SELECT ${COLUMNS} FROM classifier_model WHERE version = $1`, [version]))[0];
  }

  /** What workers poll: one indexed row. */
  async active(): Promise<Pick<ClassifierModelRow, 'version' | 'builtIn' | 'codeVersion'> | undefined> {
    const rows = await queryRows<Pick<ClassifierModelRow, 'version' | 'builtIn' | 'codeVersion'>>(
      this.db,
      `SELECT version, built_in AS "builtIn", code_version AS "codeVersion" FROM classifier_model WHERE status = 'active'`,
    );
    return rows[0];
  }

  /** The artefact's JSON text, or undefined for an unknown or built-in model. */
  async loadArtefact(version: string): Promise<string | undefined> {
    const rows = await queryRows<{ artefact: Buffer | null }>(this.db, `SELECT artefact FROM classifier_model WHERE version = $1`, [version]);
    const artefact = rows[0]?.artefact;
    return artefact ? gunzipSync(artefact).toString('utf8') : undefined;
  }

  /**
   * Registers the model built into this code (idempotent; every worker calls it at start).
   * It becomes active when nothing is, or when the active model was made by other code (its
   * artefact cannot run here): a release with a new classifier version starts from its own model.
   */
  async registerBuiltIn(version: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await execute(tx, `SELECT pg_advisory_xact_lock($1)`, [REGISTRY_LOCK]);
      const active = (await queryRows<{ version: string; codeVersion: string }>(tx, `SELECT version, code_version AS "codeVersion" FROM classifier_model WHERE status = 'active'`))[0];
      const takeOver = active === undefined || (active.codeVersion !== version && active.version !== version);
      if (takeOver && active) {
        await execute(tx, `UPDATE classifier_model SET status = 'retired', reason = $2, status_changed_at = now() WHERE version = $1`, [active.version, `made by ${active.codeVersion}; this code runs ${version}`]);
      }
      await execute(
        tx,
        `INSERT INTO classifier_model (version, code_version, built_in, status, reason)
         VALUES ($1, $1, true, $2, 'the model built into this release') ON CONFLICT (version) DO NOTHING`,
        [version, takeOver ? 'active' : 'candidate'],
      );
      if (takeOver) {
        await execute(tx, `UPDATE classifier_model SET status = 'active', status_changed_at = now() WHERE version = $1 AND status <> 'active'`, [version]);
        await this.audit.record({ actor: { kind: 'system' }, action: 'classifier.activate', subjectType: 'classifier-model', subjectId: version, detail: { builtIn: true, replaced: active?.version ?? null } }, tx);
      }
    });
  }

  /** Stores a candidate. Training is deterministic, so a version already stored is the same model: kept as it is. */
  async saveCandidate(candidate: NewCandidate): Promise<ClassifierModelRow> {
    await execute(
      this.db,
      `INSERT INTO classifier_model (version, code_version, status, reason, training, evaluation, active_evaluation, artefact_sha256, artefact)
       VALUES ($1, $2, 'candidate', $3, $4, $5, $6, $7, $8) ON CONFLICT (version) DO NOTHING`,
      [candidate.version, candidate.codeVersion, candidate.reason, JSON.stringify(candidate.training), JSON.stringify(candidate.evaluation), JSON.stringify(candidate.activeEvaluation), candidate.artefactSha256, gzipSync(Buffer.from(candidate.artefactJson, 'utf8'))],
    );
    return (await this.get(candidate.version)) as ClassifierModelRow;
  }

  /** Records a built-in model's held-out figures once computed, so later trainings need not recompute them. */
  async recordEvaluation(version: string, evaluation: Record<string, unknown>): Promise<void> {
    await execute(this.db, `UPDATE classifier_model SET evaluation = coalesce(evaluation, '{}'::jsonb) || $2::jsonb WHERE version = $1`, [version, JSON.stringify(evaluation)]);
  }

  /** Makes `version` the active model and retires the one it replaces, with an audit row, in one transaction. */
  async activate(version: string, codeVersion: string, actor: AuditActor, reason: string): Promise<StatusChange> {
    return this.db.transaction(async (tx) => {
      await execute(tx, `SELECT pg_advisory_xact_lock($1)`, [REGISTRY_LOCK]);
      const row = (await queryRows<ClassifierModelRow>(tx, `SELECT ${COLUMNS} FROM classifier_model WHERE version = $1`, [version]))[0];
      if (!row) return { ok: false, problem: 'not-found' } as const;
      if (row.status === 'active') return { ok: false, problem: 'already' } as const;
      if (row.codeVersion !== codeVersion) return { ok: false, problem: 'incompatible' } as const;
      const previous = await queryRows<{ version: string }>(
        tx,
        `UPDATE classifier_model SET status = 'retired', reason = $1, status_changed_at = now() WHERE status = 'active' RETURNING version`,
        [`replaced by ${version}`],
      );
      const updated = await queryRows<ClassifierModelRow>(
        tx,
        `UPDATE classifier_model SET status = 'active', reason = $2, status_changed_at = now() WHERE version = $1 RETURNING ${COLUMNS}`,
        [version, reason],
      );
      await this.audit.record({ actor, action: 'classifier.activate', subjectType: 'classifier-model', subjectId: version, detail: { replaced: previous[0]?.version ?? null, reason } }, tx);
      return { ok: true, row: updated[0] } as const;
    });
  }

  /** Retires a candidate. The active model cannot be retired: activate another one instead, so workers always have one. */
  async retire(version: string, actor: AuditActor, reason: string): Promise<StatusChange> {
    return this.db.transaction(async (tx) => {
      await execute(tx, `SELECT pg_advisory_xact_lock($1)`, [REGISTRY_LOCK]);
      const row = (await queryRows<ClassifierModelRow>(tx, `SELECT ${COLUMNS} FROM classifier_model WHERE version = $1`, [version]))[0];
      if (!row) return { ok: false, problem: 'not-found' } as const;
      if (row.status === 'active') return { ok: false, problem: 'active' } as const;
      if (row.status === 'retired') return { ok: false, problem: 'already' } as const;
      const updated = await queryRows<ClassifierModelRow>(
        tx,
        `UPDATE classifier_model SET status = 'retired', reason = $2, status_changed_at = now() WHERE version = $1 RETURNING ${COLUMNS}`,
        [version, reason],
      );
      await this.audit.record({ actor, action: 'classifier.retire', subjectType: 'classifier-model', subjectId: version, detail: { reason } }, tx);
      return { ok: true, row: updated[0] } as const;
    });
  }
}
