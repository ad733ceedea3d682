import Database from 'better-sqlite3';
import { CountedRows, MatchCounts } from './match-counts';

const FULL: CountedRows = { from: "FROM messages WHERE text LIKE '%a%'", parameters: [] };

function after(rowid: number): CountedRows {
  return { from: "FROM messages NOT INDEXED WHERE rowid > ? AND text LIKE '%a%'", parameters: [rowid] };
}

describe('MatchCounts', () => {
  let database: Database.Database;
  let counts: MatchCounts;

  function insert(...texts: string[]): void {
    for (const text of texts) {
      database.prepare('INSERT INTO messages (text) VALUES (?)').run(text);
    }
  }

  beforeEach(() => {
    database = new Database(':memory:');
    database.exec('CREATE TABLE messages (text TEXT)');
    counts = new MatchCounts(database);
  });

  afterEach(() => {
    database.close();
  });

  it('counts every match the first time', () => {
    insert('a', 'b', 'ab');

    expect(counts.count('a', FULL, after)).toBe(2);
  });

  it('adds the matches inserted since the last count', () => {
    insert('a', 'b');
    counts.count('a', FULL, after);
    insert('ba', 'c', 'aa');

    expect(counts.count('a', FULL, after)).toBe(3);
  });

  it('counts only the rows after the last counted rowid', () => {
    insert('a', 'b', 'a');
    counts.count('a', FULL, after);
    const countAfter = jest.fn(after);

    counts.count('a', FULL, countAfter);

    expect(countAfter).toHaveBeenCalledWith(3);
  });

  it('keeps no count read inside an open transaction', () => {
    insert('a');
    database.exec('BEGIN');
    insert('a');

    expect(counts.count('a', FULL, after)).toBe(2);
    database.exec('ROLLBACK');
    expect(counts.count('a', FULL, after)).toBe(1);
  });

  it('keeps counts apart by key', () => {
    insert('a', 'b');
    counts.count('a', FULL, after);

    const fullB: CountedRows = { from: "FROM messages WHERE text = 'b'", parameters: [] };
    const afterB = (rowid: number): CountedRows => ({ from: "FROM messages NOT INDEXED WHERE rowid > ? AND text = 'b'", parameters: [rowid] });

    expect(counts.count('b', fullB, afterB)).toBe(1);
  });
});
