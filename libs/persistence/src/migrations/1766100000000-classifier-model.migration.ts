import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The classifier model registry: every model a worker may run, with what it was trained on,
 * how it scored and why it is (or is not) active. A retrained model is data, not a release:
 * its artefact (gzipped JSON) lives here. The built-in model ships with the code and has no
 * artefact row of its own (`built_in`, artefact NULL): each worker trains or loads it locally.
 * At most one row is active; workers follow that row.
 */
export class ClassifierModel1766100000000 implements MigrationInterface {
  name = 'ClassifierModel1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE classifier_model (
        version text PRIMARY KEY,
        code_version text NOT NULL,
        built_in boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('candidate', 'active', 'retired')),
        reason text NOT NULL,
        training jsonb NOT NULL DEFAULT '{}',
        evaluation jsonb,
        active_evaluation jsonb,
        artefact_sha256 text,
        artefact bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        CHECK (built_in OR artefact IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX classifier_model_one_active ON classifier_model ((true)) WHERE status = 'active'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE classifier_model`);
  }
}
