import { TRAINING_CORPUS } from '../libs/domain/src/understanding/classification/corpus';
import { createDefaultClassifier } from '../libs/domain/src/understanding/classification/train-classifier';
let text = ''; for (let i = 0; text.length < 1500; i += 37) text += TRAINING_CORPUS[i % TRAINING_CORPUS.length].text + ' ';
text = text.slice(0, 1500);
const c = createDefaultClassifier();
for (let i = 0; i < 20000; i++) c.classify({ summary: text, serviceArea: 'Adult social care' });
