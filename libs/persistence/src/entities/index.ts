import { ComplaintEntity } from './complaint.entity';
import { ContactEntity } from './contact.entity';
import { OrganisationEntity } from './organisation.entity';

export { ComplaintEntity, ContactEntity, OrganisationEntity };
export const ENTITIES = [OrganisationEntity, ContactEntity, ComplaintEntity];
