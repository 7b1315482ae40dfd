/*
 * SQL fragments shared by the learning rollup's refresh, its reads and the dashboard's reads.
 * The calendar itself (time zone, days, Mondays) is in @app/domain/learning.
 */

/** The ISO week (its Monday) of a date expression: date arithmetic, independent of the session's time zone. */
export const WEEK_OF = (day: string): string => `(${day} - (extract(isodow FROM ${day})::int - 1))`;
