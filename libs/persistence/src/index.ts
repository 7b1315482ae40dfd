export * from './entities';
export * from './data-source-options';
export * from './ensure-database';
export * from './persistence.module';
export * from './repositories/complaint.repository';
export * from './repositories/organisation.repository';
