import { TRAINING_CORPUS } from '../libs/domain/src/understanding/classification/corpus';
import { tokenise } from '../libs/domain/src/understanding/text/tokenise';
let text = ''; for (let i = 0; text.length < 1500; i += 37) text += TRAINING_CORPUS[i % TRAINING_CORPUS.length].text + ' ';
text = text.slice(0, 1500);
for (let i = 0; i < 20000; i++) tokenise(text);
