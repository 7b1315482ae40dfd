/**
 * Distinct complaint texts for the two-clocks tests: each about something different, so
 * the pipeline keeps them apart (near copies would be found duplicates and not counted).
 */
export const HOUSING_TEXTS = [
  'Damp spread across the bedroom walls of our council flat over the winter and black mould grew behind the wardrobe; the repairs team inspected twice and did nothing.',
  'The council moved us into temporary accommodation above a takeaway with no cooking facilities for a family of five and never reviewed whether it was suitable.',
  'Our housing association tenancy transfer was approved on medical grounds but the allocations team lost the paperwork and we dropped down the waiting list.',
  'A leaking soil pipe in the communal stairwell of the tower block was reported by residents eleven times before anyone from housing came to look at it.',
  'The homelessness officer refused to take an application from my sister after her landlord evicted her, telling her to come back when she was on the street.',
  'Rent arrears letters kept arriving after I had paid, because the housing rent account was never updated, and I was threatened with possession proceedings.',
];

export const SAFEGUARDING_TEXTS = [
  'My mother at the residential home had a fall at night and lay on the floor until the morning shift; the home never raised a safeguarding concern with the council.',
  'A carer visiting my father at home took money from his wallet several times; when we reported it the agency said it would investigate but never referred it on.',
  'Bruises on my son’s arms after respite care were photographed by his school, yet the care provider said nothing had happened and no protection enquiry was opened.',
  'The nursing home left my aunt, who has advanced dementia, unsupervised so that she walked out onto the main road in her nightclothes at three in the morning.',
  'Staff at the day centre saw a young man with learning disabilities being bullied for his benefits by a relative but nobody made a referral to adult social care.',
  'My grandmother lost a great deal of weight in the care home because no one helped her eat; the neglect was only noticed when she was admitted to hospital.',
  'A resident with a pressure sore at the care home went untreated for weeks, the wound became infected, and the manager did not tell the family or the safeguarding team.',
  'Concerns about a domiciliary care worker shouting at and rough-handling my disabled brother were dismissed by the agency, which kept sending the same worker.',
  'When my neighbour, who is frail and lives alone, stopped receiving her meals the care company did not check on her and she was found dehydrated days later.',
];
