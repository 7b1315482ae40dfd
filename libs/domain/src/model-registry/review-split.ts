import { fnv1a32 } from '../dedup/hash32';

/**
 * One reviewed complaint in five is kept out of training to judge candidates on. Chosen by a
 * hash of the complaint id (salted, so it is not the corpus split's fifth), so a review never
 * moves between the parts as more reviews arrive, and is never trained on.
 */
export function isReviewHeldOut(complaintId: string): boolean {
  return fnv1a32(`review:${complaintId.toLowerCase()}`) % 5 === 0;
}
