import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in looks a contact up by address alone, across organisations (one person may be a
 * contact of several). The unique index is (organisation_id, lower(email)), which that
 * look-up cannot use: without this one every sign-in request reads the whole contact table.
 */
export class ContactSignIn1766500000000 implements MigrationInterface {
  name = 'ContactSignIn1766500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX contact_email ON contact (lower(email))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX contact_email`);
  }
}
