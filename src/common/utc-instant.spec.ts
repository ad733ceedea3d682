import { utcInstantSortKey } from './utc-instant';

describe('utcInstantSortKey', () => {
  it('pads the fraction to nine digits', () => {
    expect(utcInstantSortKey('2024-01-01T10:00:00Z')).toBe('2024-01-01T10:00:00.000000000Z');
    expect(utcInstantSortKey('2024-01-01T10:00:00.5Z')).toBe('2024-01-01T10:00:00.500000000Z');
  });

  it('gives equal keys to equal instants', () => {
    expect(utcInstantSortKey('2024-01-01T10:00:00.50Z')).toBe(utcInstantSortKey('2024-01-01T10:00:00.5Z'));
  });

  it('sorts keys in time order', () => {
    const times = [
      '2024-01-01T10:00:00.5Z',
      '2024-01-01T10:00:00Z',
      '2024-01-01T09:59:59.999999999Z',
      '2024-01-01T10:00:00.05Z',
    ];
    const sorted = [...times].sort((a, b) => (utcInstantSortKey(a)! < utcInstantSortKey(b)! ? -1 : 1));

    expect(sorted).toEqual([
      '2024-01-01T09:59:59.999999999Z',
      '2024-01-01T10:00:00Z',
      '2024-01-01T10:00:00.05Z',
      '2024-01-01T10:00:00.5Z',
    ]);
  });

  it.each([
    ['2024-02-29T00:00:00Z'],
    ['2000-02-29T23:59:59Z'],
    ['0001-01-01T00:00:00Z'],
    ['9999-12-31T23:59:59.999999999Z'],
  ])('accepts %s', (value) => {
    expect(utcInstantSortKey(value)).toBeDefined();
  });

  it.each([
    ['2023-02-29T00:00:00Z'],
    ['1900-02-29T00:00:00Z'],
    ['2024-04-31T00:00:00Z'],
    ['2024-13-01T00:00:00Z'],
    ['2024-00-01T00:00:00Z'],
    ['2024-01-00T00:00:00Z'],
    ['2024-01-01T24:00:00Z'],
    ['2024-01-01T23:60:00Z'],
    ['2024-01-01T23:59:60Z'],
    ['2024-01-01T10:00:00z'],
    ['2024-01-01 10:00:00Z'],
    ['2024-01-01T10:00:00.Z'],
    ['2024-01-01T10:00Z'],
    ['2024-01-01T10:00:00+00:00'],
    ['+2024-01-01T10:00:00Z'],
    [' 2024-01-01T10:00:00Z'],
    ['2024-01-01T10:00:00Z\n'],
  ])('rejects %j', (value) => {
    expect(utcInstantSortKey(value)).toBeUndefined();
  });
});
