import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';

/**
 * A first query that runs as it is: the first Query field that needs no arguments, with the
 * leaf fields of its type (up to six), so "Run" answers something on a fresh console.
 */
export function defaultQueryFor(schema: GraphQLSchema): string | undefined {
  const fields = Object.values(schema.getQueryType()?.getFields() ?? {});
  const field = fields.find((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));
  if (!field) return undefined;
  const type = getNamedType(field.type);
  let selection = '';
  if (isObjectType(type)) {
    const leaves = Object.values(type.getFields())
      .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
      .slice(0, 6)
      .map((f) => f.name);
    if (leaves.length === 0) return undefined;
    selection = ` {\n    ${leaves.join('\n    ')}\n  }`;
  }
  return `# Run (Ctrl-Enter) sends this query to the gateway with the token above.\n{\n  ${field.name}${selection}\n}\n`;
}
