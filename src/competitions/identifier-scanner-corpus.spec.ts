import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanForIdentifiers } from './identifier-scanner';

interface Sentence {
  text: string;
  identifying: boolean;
}

// Written before the scanner was tuned, half identifying and half not (test/fixtures/identifier-corpus.json).
const corpus: Sentence[] = JSON.parse(readFileSync(join(__dirname, '../../test/fixtures/identifier-corpus.json'), 'utf8'));

describe('the identifier scanner over the labelled corpus', () => {
  it('has at least 200 sentences, about half of them identifying', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const identifying = corpus.filter((sentence) => sentence.identifying).length;
    expect(Math.abs(identifying - corpus.length / 2)).toBeLessThanOrEqual(corpus.length * 0.05);
  });

  it('finds at least 95% of the identifying sentences (recall), and at least 90% of its warnings are right (precision)', () => {
    const outcomes = corpus.map((sentence) => {
      const hits = scanForIdentifiers({ needs: sentence.text });
      return { ...sentence, predicted: hits.length > 0, hits: hits.map((hit) => `${hit.kind}:${hit.match}`) };
    });
    const truePositives = outcomes.filter((outcome) => outcome.identifying && outcome.predicted).length;
    const missed = outcomes.filter((outcome) => outcome.identifying && !outcome.predicted);
    const falseAlarms = outcomes.filter((outcome) => !outcome.identifying && outcome.predicted);
    const recall = truePositives / (truePositives + missed.length);
    const precision = truePositives / (truePositives + falseAlarms.length);
    const report = [
      `recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}% over ${corpus.length} sentences`,
      ...missed.map((outcome) => `missed: ${outcome.text}`),
      ...falseAlarms.map((outcome) => `false alarm: ${outcome.text} [${outcome.hits.join(', ')}]`),
    ].join('\n');
    expect({ recall: recall >= 0.95, precision: precision >= 0.9, report }).toEqual({ recall: true, precision: true, report });
  });
});
