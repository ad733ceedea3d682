import { codePointLength, foldText } from './message-fields';

describe('foldText', () => {
  it.each([
    ['Hello', 'hello'],
    ['ÄPFEL', 'äpfel'],
    ['Straße', 'strasse'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['e\u0301', 'é'],
    ['ﬁle', 'file'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('leaves % and _ alone', () => {
    expect(foldText('100%_A')).toBe('100%_a');
  });
});

describe('codePointLength', () => {
  it('counts an astral character once', () => {
    expect(codePointLength('a😀b')).toBe(3);
  });
});
