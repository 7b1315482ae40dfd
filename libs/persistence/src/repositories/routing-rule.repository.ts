import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RoutingRule } from '@app/domain/routing';
import { queryRows } from './query-rows';

const COLUMNS = `id, name, enabled, match, target, mode, include_body_name AS "includeBodyName"`;

@Injectable()
export class RoutingRuleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<RoutingRule[]> {
    return queryRows<RoutingRule>(this.db, `SELECT ${COLUMNS} FROM routing_rule ORDER BY created_at, id`);
  }

  async create(rule: RoutingRule): Promise<RoutingRule> {
    const rows = await queryRows<RoutingRule>(
      this.db,
      `INSERT INTO routing_rule (id, name, enabled, match, target, mode, include_body_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [rule.id, rule.name, rule.enabled, JSON.stringify(rule.match), JSON.stringify(rule.target), rule.mode, rule.includeBodyName],
    );
    return rows[0];
  }

  async remove(id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(this.db, `DELETE FROM routing_rule WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }
}
