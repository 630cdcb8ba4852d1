import type { RequestInput } from '@secotel/sdk';
import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { describeCommand, findNoSqlInjections } from '../src/nosql';
import { tokenize } from '../src/sql/tokenizer';

const query = (path: string, value: string): RequestInput => ({ source: 'query', path, value });
const bodyInput = (path: string, value: string): RequestInput => ({ source: 'body', path, value });

/** The paths of the inputs reported for a query part, given the request's inputs and parsed body. */
function reported(part: unknown, inputs: RequestInput[] = [], body?: unknown): string[] {
  return findNoSqlInjections([part], { inputs, body }).map((found) => `${found.kind} ${found.input.path}`);
}

describe('operator documents the request sent', () => {
  it('reports a parsed body object with operators that reaches a filter, as it is or copied', () => {
    const body = { user: 'admin', password: { $ne: null } };
    expect(reported({ user: body.user, password: body.password }, [], body)).toEqual([
      'query_operator .body.password',
    ]);
    // An ODM casts and copies the filter: the copy is still the request's document.
    expect(reported({ user: 'admin', password: { $ne: null } }, [], body)).toEqual([
      'query_operator .body.password',
    ]);
    const [found] = findNoSqlInjections([{ password: body.password }], { inputs: [], body });
    expect(found?.input).toEqual({ source: 'body', path: '.body.password', value: '{"$ne":null}' });
  });

  it('reports the whole body used as a filter, and operators nested under $or, in updates and pipelines', () => {
    const body = { $where: 'sleep(100)' };
    expect(reported(body, [bodyInput('.body.$where', 'sleep(100)')], body)).toEqual(['query_operator .body']);
    const or = { q: { $gt: '' } };
    expect(reported({ $or: [{ user: 'a' }, { name: or.q }] }, [], or)).toEqual(['query_operator .body.q']);
    const update = { role: { $set: { role: 'admin' } } };
    expect(reported({ $set: update.role }, [], update)).toEqual(['query_operator .body.role']);
    const stage = { match: { $expr: { $eq: ['$role', 'admin'] } } };
    expect(reported([{ $match: stage.match }, { $limit: 1 }], [], stage)).toEqual([
      'query_operator .body.match',
    ]);
  });

  it('reports fields whose name carries an operator (qs brackets), matched by value', () => {
    expect(reported({ user: 'admin', password: { $ne: 'x' } }, [query('.query.password[$ne]', 'x')])).toEqual(
      ['query_operator .query.password[$ne]'],
    );
    expect(reported({ password: { $gt: '' } }, [bodyInput('.body.password.$gt', '')])).toEqual([
      'query_operator .body.password.$gt',
    ]);
    const list = [query('.query.user[$in][]', 'admin'), query('.query.user[$in][]', 'root')];
    expect(reported({ user: { $in: ['admin', 'root'] } }, list)).toEqual([
      'query_operator .query.user[$in][]',
    ]);
    expect(
      reported({ password: { $not: { $eq: 'x' } } }, [query('.query.password[$not][$eq]', 'x')]),
    ).toEqual(['query_operator .query.password[$not][$eq]']);
    const or = [query('.query.$or[0][user]', 'admin'), query('.query.$or[1][role]', 'admin')];
    expect(reported({ $or: [{ user: 'admin' }, { role: 'admin' }] }, or)).toHaveLength(1);
    // mongoose casts `$exists=1` to true and `$gt=5` to 5 for a number path.
    expect(reported({ password: { $exists: true } }, [query('.query.password[$exists]', '1')])).toHaveLength(
      1,
    );
    expect(reported({ price: { $gt: 5 } }, [query('.query.price[$gt]', '5')])).toHaveLength(1);
  });

  it('reports operator JSON in a string input that the application parsed into the filter', () => {
    const filter = query('.query.filter', '{"password": {"$ne": null}}');
    expect(reported({ user: 'admin', password: { $ne: null } }, [filter])).toEqual([
      'query_operator .query.filter',
    ]);
    // The same text kept as a string value is a value.
    expect(reported({ password: '{"password": {"$ne": null}}' }, [filter])).toEqual([]);
  });

  it('never reports ordinary values, string inputs used as values, or the application own operators', () => {
    expect(reported({ user: 'admin', password: 'x' }, [query('.query.user', 'admin')])).toEqual([]);
    // Operator-looking text is a value when it arrives as a string.
    const strings = [bodyInput('.body.user', '{"$ne":null}'), bodyInput('.body.password', '$ne')];
    expect(reported({ user: '{"$ne":null}', password: '$ne' }, strings, { user: '{"$ne":null}' })).toEqual(
      [],
    );
    // The application's own $regex and $lt with request values in them.
    expect(reported({ name: { $regex: 'admin', $options: 'i' } }, [query('.query.q', 'admin')])).toEqual([]);
    expect(reported({ price: { $lt: 10 } }, [query('.query.max', '10')])).toEqual([]);
    // An operator the request sent, but in a field the query does not use, or with another value.
    expect(reported({ user: 'a' }, [], { user: 'a', price: { $gt: 0 } })).toEqual([]);
    expect(reported({ price: { $ne: 'y' } }, [query('.query.price[$ne]', 'x')])).toEqual([]);
    // `$100` is no operator name.
    expect(reported({ price: { $gt: 1 } }, [query('.query.price[$100]', '1')])).toEqual([]);
  });

  it('never reports a sent document the application holds as a literal value ($eq, as sanitizeFilter does)', () => {
    const body = { user: { $ne: null } };
    expect(reported({ user: { $eq: body.user } }, [], body)).toEqual([]);
    expect(reported({ user: { $in: [body.user] } }, [], body)).toEqual([]);
  });

  it('ignores BSON values, dates and regular expressions as structure', () => {
    const id = new BSON.ObjectId();
    expect(reported({ _id: id, at: new Date(0), name: /x/ }, [query('.query.id', id.toHexString())])).toEqual(
      [],
    );
    expect(reported({ _id: { $in: [id] } }, [query('.query.id[$in][]', id.toHexString())])).toHaveLength(1);
  });
});

describe('server-side JavaScript', () => {
  const where = (value: string) => ({ $where: `this.name == '${value}'` });

  it('reports an input that leaves its string in $where, opens a comment or is the whole code', () => {
    for (const value of [
      "' || '1'=='1",
      "x'; return true; var a='",
      "x'//",
      "x' /*",
      "a' || sleep(500) || '",
    ]) {
      expect(reported(where(value), [query('.query.q', value)]), value).toEqual([
        'server_javascript .query.q',
      ]);
    }
    expect(reported({ $where: 'sleep(100) || true' }, [query('.query.fn', 'sleep(100) || true')])).toEqual([
      'server_javascript .query.fn',
    ]);
  });

  it('reports injected $function bodies, $accumulator functions, Code values and mapReduce functions', () => {
    const value = "x' || true || '";
    const code = `function(name) { return name == '${value}' }`;
    const q = [query('.query.q', value)];
    expect(reported({ $expr: { $function: { body: code, args: ['$name'], lang: 'js' } } }, q)).toHaveLength(
      1,
    );
    const accumulator = {
      init: 'function() { return 0 }',
      accumulate: code,
      merge: 'function(a, b) { return a }',
    };
    expect(
      reported([{ $group: { _id: null, n: { $accumulator: { ...accumulator, lang: 'js' } } } }], q),
    ).toHaveLength(1);
    expect(reported({ $where: new BSON.Code(`this.name == '${value}'`) }, q)).toHaveLength(1);
  });

  it('never reports an input that stays inside its string, or is passed as an argument', () => {
    for (const value of [
      'Alice',
      'this.name',
      'return true',
      'say "hi"',
      '`x`',
      "O\\'Brien",
      '// not a comment',
    ]) {
      expect(reported(where(value), [query('.query.q', value)]), value).toEqual([]);
    }
    const args = {
      $expr: {
        $function: { body: 'function(a, b) { return a == b }', args: ['$name', "' || 1"], lang: 'js' },
      },
    };
    expect(reported(args, [query('.query.q', "' || 1")])).toEqual([]);
    // Inputs of one or two characters occur in code by chance.
    expect(reported({ $where: 'this.a > 1' }, [query('.query.n', '>')])).toEqual([]);
  });

  it('reports one fact for a $where the request sent as a document, not one more for its code', () => {
    const body = { $where: 'sleep(100)' };
    expect(reported(body, [bodyInput('.body.$where', 'sleep(100)')], body)).toEqual(['query_operator .body']);
  });
});

describe('describeCommand', () => {
  it('names the command, its collection and the fact a success on a sensitive collection is', () => {
    expect(describeCommand({ find: 'cards', filter: { a: 1 } })).toMatchObject({
      name: 'find',
      collection: 'cards',
      access: 'sensitive_read',
      queryParts: [{ a: 1 }],
    });
    expect(describeCommand({ findAndModify: 'cards', query: {}, remove: true })?.access).toBe(
      'sensitive_delete',
    );
    expect(
      describeCommand({ update: 'cards', updates: [{ q: { a: 1 }, u: { $set: { b: 2 } } }] })?.queryParts,
    ).toEqual([{ a: 1 }, { $set: { b: 2 } }]);
    expect(describeCommand({ aggregate: 1, pipeline: [] })?.collection).toBeUndefined();
    expect(describeCommand(null)).toBeUndefined();
  });

  it('tells user and role management, including what FerretDB cannot run, and login steps', () => {
    for (const name of [
      'createUser',
      'updateUser',
      'dropUser',
      'grantRolesToUser',
      'revokeRolesFromUser',
      'grantPrivilegesToRole',
    ]) {
      expect(describeCommand({ [name]: 'x' })?.privilegeChange, name).toBe(true);
    }
    expect(describeCommand({ usersInfo: 'x' })?.privilegeChange).toBe(false);
    expect(describeCommand({ saslStart: 1, mechanism: 'SCRAM-SHA-256' })?.login).toBe(true);
  });
});

describe('the JavaScript token rules', () => {
  it('reads // comments, template literals and backslash escapes as JavaScript does', () => {
    const kinds = (code: string) => tokenize(code, 'javascript').map((t) => t.kind);
    expect(kinds("a // b 'c")).toEqual(['word', 'comment']);
    const template = `\`a $${'{b}'}\` + "c\\"d"`;
    expect(kinds(template)).toEqual(['string', 'operator', 'string']);
    expect(kinds("'it\\'s' -- 1")).toEqual(['string', 'operator', 'operator', 'number']);
  });
});
