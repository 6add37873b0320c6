import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultQueryFor } from './graphqlDefaultQuery';

describe('defaultQueryFor', () => {
  it('picks the first field without required arguments, with its leaf fields', () => {
    const schema = buildSchema(`
      type Query { pizza(name: String!): Pizza  pizzas(first: Int): [Pizza!]! }
      type Pizza { name: String! price: Float! toppings: [Topping!]! }
      type Topping { name: String! }
    `);
    expect(defaultQueryFor(schema)).toContain('{\n  pizzas {\n    name\n    price\n  }\n}');
  });

  it('gives nothing when every field needs arguments', () => {
    expect(defaultQueryFor(buildSchema('type Query { one(id: ID!): String }'))).toBeUndefined();
  });
});
