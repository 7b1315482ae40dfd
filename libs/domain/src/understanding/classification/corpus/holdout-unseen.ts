import { ex, type CorpusExample } from './corpus-example';

/**
 * Written deliberately in other words than the training corpus (idiom, indirect phrasing,
 * officialese, text-speak) and NEVER used for training, in any mode. The eval script
 * reports it separately: it is the honest estimate of how the classifier does on text
 * it was not tuned on. Do not add these texts, or close paraphrases, to the theme files.
 */
export const HOLDOUT_UNSEEN: readonly CorpusExample[] = [
  // clinical-care
  ex('high', ['clinical-care'], "Grandad's heels broke down into open wounds because the staff never shifted his position in bed."),
  ex('medium', ['clinical-care'], "Following her hysterectomy, post-op checks were sporadic and her temperature spike went unnoticed until the next day shift."),
  ex('serious', ['clinical-care'], "The birth went badly wrong: the CTG trace was showing distress for an hour before anybody intervened, and our girl has cerebral palsy."),
  // diagnosis
  ex('high', ['diagnosis'], "Three separate GPs put my lad's headaches down to screen time. It was a brain tumour."),
  ex('medium', ['diagnosis'], "The bloods flagged kidney trouble but were just marked 'no action' and sat there for months."),
  ex('high', ['diagnosis'], "Sent home from casualty told it was a pulled muscle; the hip was actually broken, as another hospital found two days later."),
  // medication
  ex('medium', ['medication'], "Chemist handed over somebody else's bag of pills and I only twigged when I saw the name on the box."),
  ex('high', ['medication'], "On the ward they kept skipping her anti-seizure tablets and she fitted twice."),
  ex('medium', ['medication'], "The surgery keeps knocking back my monthly script, so I'm rationing my heart pills."),
  // discharge-transfer
  ex('high', ['discharge-transfer'], "They booted Nan out of hospital at midnight, no coat, no keys, no one at home to meet her."),
  ex('medium', ['discharge-transfer'], "When the ward let Dad go, the GP got no paperwork at all about what had been changed."),
  ex('medium', ['discharge-transfer'], "The move from the acute trust to the rehab unit was botched; nobody passed on that he needs thickened fluids."),
  // communication
  ex('medium', ['communication'], "Honestly it felt like pulling teeth trying to find out what was happening with Mum; nobody would give a straight answer."),
  ex('medium', ['communication'], "The correspondence I received was riddled with acronyms and I had no idea what I was being asked to do."),
  ex('medium', ['communication'], "Three officers, three different stories about my application."),
  // complaint-handling
  ex('medium', ['complaint-handling'], "I put my grievance in writing in spring; it is now autumn and I have heard nothing of substance back."),
  ex('medium', ['complaint-handling'], "Their reply to my concerns just closed ranks around the staff and skipped over half of what I raised."),
  ex('medium', ['complaint-handling'], "Every time I escalate, I'm bounced back to the same department I'm unhappy with."),
  // delay
  ex('medium', ['delay'], "It has been an eternity — going on two years — since Dad was put on the list for his cataract op."),
  ex('medium', ['delay'], "Four months on, and my application is still sitting in somebody's in-tray."),
  ex('high', ['delay'], "I was left hanging for an ambulance for five hours on the kitchen floor with a broken hip."),
  // staff-attitude
  ex('medium', ['staff-attitude'], "The lady on the front desk was downright nasty and treated me like something on her shoe."),
  ex('medium', ['staff-attitude'], "The registrar sneered at my questions and sighed every time I spoke."),
  ex('medium', ['staff-attitude'], "He was snappy, impatient and frankly couldn't have cared less."),
  // access-to-services
  ex('medium', ['access-to-services'], "It is impossible to see a GP round here, you hang on the line for an hour and then there's nothing left."),
  ex('medium', ['access-to-services'], "The nearest surgery accepting new patients is in the next town and I don't drive."),
  ex('medium', ['access-to-services'], "They said my boy didn't meet the threshold for the service and shut the door on us."),
  // record-keeping
  ex('medium', ['record-keeping'], "My file has somebody else's letters in it and mine are nowhere to be found."),
  ex('low', ['record-keeping'], "The system still has me at an address I moved out of four years ago, despite me updating it twice."),
  ex('medium', ['record-keeping'], "There is simply nothing written down about the night my father fell — no entry at all."),
  // discrimination-equality
  ex('medium', ['discrimination-equality'], "I'm convinced I got worse treatment than the white family next door purely because of the colour of my skin."),
  ex('medium', ['discrimination-equality'], "Being blind, I asked for documents I could read on my screen reader and was told that isn't possible."),
  ex('medium', ['discrimination-equality'], "Because I wear a hijab, the staff kept talking over me to my husband as if I couldn't speak for myself."),
  // safeguarding
  ex('high', ['safeguarding'], "My learning disabled sister was being taken advantage of by men coming to her flat and the support workers turned a blind eye."),
  ex('serious', ['safeguarding'], "The toddler was on the radar of three agencies and none of them joined the dots before he was hurt."),
  ex('high', ['safeguarding'], "Staff knew Mum kept wandering off at night and still left the fire door unalarmed; she was found outside in the frost."),
  // dignity-privacy
  ex('medium', ['dignity-privacy'], "They left my wife sitting in her own mess in full view of the other patients."),
  ex('medium', ['dignity-privacy'], "Someone at the council blabbed about my HIV status to the neighbours."),
  ex('medium', ['dignity-privacy'], "My paperwork, with my bank details on it, was posted to the flat next door."),
  // policy-decision
  ex('medium', ['policy-decision'], "They just ticked boxes and said computer says no, without looking at my actual situation at all."),
  ex('medium', ['policy-decision'], "The panel's reasoning simply doesn't stack up against their own rules."),
  ex('medium', ['policy-decision'], "My permit was turned down on a technicality that isn't written anywhere in their criteria."),
  // financial-remedy-billing
  ex('medium', ['financial-remedy-billing'], "I've been stung for money I don't owe and they won't give it back."),
  ex('medium', ['financial-remedy-billing'], "The statement shows I was debited twice for the same month's care."),
  ex('medium', ['financial-remedy-billing'], "Nobody will explain why my account is showing a balance of £740 owing when I've paid every month."),
  // benefits-tax
  ex('high', ['benefits-tax'], "My UC got slashed to zero because of a computer glitch and I've had to borrow off family to feed the kids."),
  ex('medium', ['benefits-tax'], "The taxman is chasing me for a year when I was a full-time student with no earnings."),
  ex('medium', ['benefits-tax'], "Mum's attendance allowance was scrapped after a ten minute phone call with someone who'd never met her."),
  // housing
  ex('high', ['housing'], "Water pours down the walls of the kids' room and everything's gone green and furry; the little one is wheezy all the time."),
  ex('medium', ['housing'], "I've been stuck in a hostel with my two boys for over a year waiting for a proper home."),
  ex('medium', ['housing'], "The caretaker keeps promising to sort the broken front door of the block and nothing happens."),
  // education-send
  ex('medium', ['education-send'], "My son's plan says he should have an hour of one-to-one every day and he's getting nothing."),
  ex('medium', ['education-send'], "The head keeps sending my daughter home at lunchtime because they say they can't cope with her."),
  ex('medium', ['education-send'], "We've had no offer of a secondary place anywhere and term starts in three weeks."),
  // social-care
  ex('high', ['social-care'], "The girls from the agency turn up when they feel like it, and some nights Mum isn't put to bed at all."),
  ex('medium', ['social-care'], "After the review they slashed Dad's hours of help at home, and nothing about him has improved."),
  ex('medium', ['social-care'], "We've waited since March for anyone from adult services to come and see what help my brother needs."),
  // planning-environment
  ex('medium', ['planning-environment'], "The building site opposite starts drilling at 6am every day including Sundays, and the council shrug."),
  ex('low', ['planning-environment'], "Our street's rubbish hasn't been picked up for a fortnight and foxes are ripping the bags open."),
  ex('medium', ['planning-environment'], "Next door put up a huge outbuilding without any permission and the council just won't act on it."),
];
