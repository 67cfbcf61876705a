import { describe, expect, it } from '@jest/globals';
import { cardSections, splitCard } from '../../../src/hub/catalog/card.js';

describe('card parsing', () => {
  it('splits YAML front matter from the Markdown, CRLF line ends included', () => {
    const card = splitCard('---\r\nlicense: mit\r\ntags:\r\n  - a\r\n---\r\n# Title\r\n');
    expect(card.metadata).toEqual({ license: 'mit', tags: ['a'] });
    expect(card.text).toBe('# Title\r\n');
  });

  it('keeps a README without front matter, or with broken YAML, as text', () => {
    expect(splitCard('# Just text\n')).toEqual({ metadata: {}, text: '# Just text\n' });
    const broken = '---\nlicense: [mit\n---\n# Body\n';
    expect(splitCard(broken)).toEqual({ metadata: {}, text: broken });
    expect(splitCard('---\n- a list\n---\nbody')).toEqual({ metadata: {}, text: '---\n- a list\n---\nbody' });
    expect(splitCard('---\n---\nbody')).toEqual({ metadata: {}, text: 'body' });
  });

  it('finds recommended sections by heading, at any level, ignoring code blocks and punctuation', () => {
    const text = [
      '# Model Card',
      '### Model details',
      '## Bias, Risks and Limitations',
      '```',
      '## Evaluation',
      '```',
      '## How to Get Started with the Model ##',
      'Citation (not a heading)',
      '## Training Details and Hyperparameters',
    ].join('\n');
    expect(cardSections(text, 'model')).toEqual({
      present: ['Model Details', 'Bias, Risks, and Limitations', 'Training Details', 'How to Get Started with the Model'],
      missing: ['Uses', 'Evaluation', 'Environmental Impact', 'Citation'],
    });
    expect(cardSections('## Dataset Card Creation\n## Dataset Creation\n## Uses', 'dataset')).toEqual({
      present: ['Uses', 'Dataset Creation'],
      missing: ['Dataset Description', 'Dataset Structure', 'Bias, Risks, and Limitations', 'Citation'],
    });
  });
});
