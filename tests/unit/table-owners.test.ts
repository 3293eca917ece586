import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TABLES } from '@/lib/db/tables';

/**
 * Every table has one owning domain (its `owner` in lib/db/tables.ts): only files under `lib/<owner>/` may call
 * lib/db with its name; everyone else calls the owner's exported functions. This reads the sources (syntax only,
 * no type check, so it stays fast) and finds each call of a function imported from lib/db together with the table
 * it names.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED = ['lib', 'app'];
/** lib/db defines the generic helpers (a table is their parameter); it owns no table's contents. */
const ADAPTER = 'lib/db/';

const ownerOf = new Map<string, string>(TABLES.map((t) => [t.name, t.owner]));

interface TableCall {
  file: string;
  line: number;
  fn: string;
  /** The table named, or undefined when the argument is computed (its owner cannot be read from the source). */
  table?: string;
  argument: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** The repository-relative module an import specifier names, without extension (`lib/db/items`), or undefined. */
function resolveModule(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith('.'))
    return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return undefined;
}

/**
 * lib/db's functions that take a table (first parameter typed `TableName`), by module: the item and batch functions
 * and any helper built on them. Registry metadata (`keyOf`, `tableDefinition`) is not access to a table's items.
 */
function tableFunctions(): Map<string, Set<string>> {
  const byModule = new Map<string, Set<string>>();
  for (const file of sourceFiles('lib/db')) {
    const modulePath = file.replace(/\.tsx?$/, '');
    if (modulePath === 'lib/db/tables') continue;
    const source = ts.createSourceFile(
      file,
      readFileSync(path.join(ROOT, file), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const names = new Set<string>();
    // `table: TableName`, or `table: T` with `T extends TableName`.
    const takesTable = (
      parameters: ts.NodeArray<ts.ParameterDeclaration>,
      generics?: ts.NodeArray<ts.TypeParameterDeclaration>,
    ) => {
      const type = parameters[0]?.type?.getText(source);
      const generic = generics?.find((g) => g.name.text === type);
      return type === 'TableName' || generic?.constraint?.getText(source) === 'TableName';
    };
    for (const statement of source.statements) {
      const exported =
        ts.canHaveModifiers(statement) &&
        ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (
        ts.isFunctionDeclaration(statement) &&
        statement.name &&
        takesTable(statement.parameters, statement.typeParameters)
      )
        names.add(statement.name.text);
      if (ts.isVariableStatement(statement))
        for (const d of statement.declarationList.declarations)
          if (
            ts.isIdentifier(d.name) &&
            d.initializer &&
            (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) &&
            takesTable(d.initializer.parameters, d.initializer.typeParameters)
          )
            names.add(d.name.text);
    }
    if (names.size) byModule.set(modulePath, names);
  }
  return byModule;
}

const TABLE_FUNCTIONS = tableFunctions();

/** `const NAME = 'table'` declarations in the file, so a table kept in a constant is still read. */
function constantStrings(source: ts.SourceFile): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
      for (const declaration of node.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        const values = literalValues(declaration.initializer, new Map());
        if (values)
          found.set(declaration.name.text, [...(found.get(declaration.name.text) ?? []), ...values]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The string(s) an expression certainly is: a literal, a constant holding one, or either branch of a `?:`. */
function literalValues(expression: ts.Expression, constants: Map<string, string[]>): string[] | undefined {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
    return [expression.text];
  if (
    ts.isParenthesizedExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isSatisfiesExpression(expression)
  )
    return literalValues(expression.expression, constants);
  if (ts.isConditionalExpression(expression)) {
    const a = literalValues(expression.whenTrue, constants);
    const b = literalValues(expression.whenFalse, constants);
    return a && b ? [...a, ...b] : undefined;
  }
  if (ts.isIdentifier(expression)) return constants.get(expression.text);
  return undefined;
}

const namespaceMember = (exported: Set<string> | undefined, name: string) =>
  exported?.has(name) ? name : undefined;

/** Every call of a lib/db function in one file, with the table(s) its first argument names. */
function tableCalls(file: string, text: string): TableCall[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const functions = new Map<string, string>(); // local name → lib/db's name
  const namespaces = new Map<string, Set<string>>(); // `import * as db` → the module's table functions
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const modulePath = resolveModule(file, statement.moduleSpecifier.text);
    const exported = modulePath && TABLE_FUNCTIONS.get(modulePath.replace(/\/index$/, ''));
    const clause = statement.importClause;
    if (!exported || !clause || clause.isTypeOnly) continue;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, exported);
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) {
        const name = (element.propertyName ?? element.name).text;
        if (!element.isTypeOnly && exported.has(name)) functions.set(element.name.text, name);
      }
  }
  if (!functions.size && !namespaces.size) return [];
  const constants = constantStrings(source);
  const calls: TableCall[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const fn = ts.isIdentifier(callee)
        ? functions.get(callee.text)
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
          ? namespaceMember(namespaces.get(callee.expression.text), callee.name.text)
          : undefined;
      const [first] = node.arguments;
      if (fn && first) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const argument = first.getText(source);
        const values = literalValues(first, constants);
        if (values) for (const table of values) calls.push({ file, line, fn, table, argument });
        else calls.push({ file, line, fn, argument });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** What is wrong with a call, or undefined when its file belongs to the table's owner. */
function violation(call: TableCall): string | undefined {
  const where = `${call.file}:${call.line}`;
  if (call.table === undefined)
    return `${where} → ${call.fn}(${call.argument}, …): a computed table name; name the table where its owner calls lib/db`;
  const owner = ownerOf.get(call.table);
  if (!owner) return `${where} → ${call.table}: not a table of the registry`;
  if (call.file.startsWith(`lib/${owner}/`)) return undefined;
  return `${where} → ${call.table} (owner ${owner})`;
}

const calls = SCANNED.flatMap(sourceFiles)
  .filter((file) => !file.startsWith(ADAPTER))
  .flatMap((file) => tableCalls(file, readFileSync(path.join(ROOT, file), 'utf8')));

describe('table owners', () => {
  it('reads the lib/db calls of the sources', () => {
    // A scanner that finds nothing would pass vacuously: it must see the owners' own calls.
    expect(calls.length).toBeGreaterThan(100);
    expect(calls).toContainEqual(
      expect.objectContaining({ file: 'lib/customers/get-customer.ts', fn: 'getItem', table: 'customers' }),
    );
  });

  it('finds tables through aliases, namespaces, constants and `?:`, and flags computed names', () => {
    const text = [
      "import { getItem as read } from '../db/items';",
      "import * as db from '@/lib/db/batch';",
      "import { keyOf } from '../db/tables';",
      "const TABLE = 'orders';",
      "await read('customers', { customerId });",
      'await db.batchGet(TABLE, keys);',
      "await read(flag ? 'alerts' : 'orders', key);",
      'await db.batchDelete(input.table, items);',
      "keyOf('orders', item);",
    ].join('\n');
    const found = tableCalls('lib/live/example.ts', text).map((c) => [c.fn, c.table ?? c.argument]);
    expect(found).toEqual([
      ['getItem', 'customers'],
      ['batchGet', 'orders'],
      ['getItem', 'alerts'],
      ['getItem', 'orders'],
      ['batchDelete', 'input.table'],
    ]);
    const problems = tableCalls('lib/live/example.ts', text).flatMap((c) => violation(c) ?? []);
    expect(problems).toEqual([
      'lib/live/example.ts:5 → customers (owner customers)',
      'lib/live/example.ts:6 → orders (owner orders)',
      'lib/live/example.ts:7 → orders (owner orders)',
      'lib/live/example.ts:8 → batchDelete(input.table, …): a computed table name; name the table where its owner calls lib/db',
    ]);
  });

  it('lets only the owning domain call lib/db with a table', () => {
    const problems = calls.flatMap((c) => violation(c) ?? []);
    expect(problems, `lib/db calls outside the table's owner:\n${problems.join('\n')}`).toEqual([]);
  });
});
