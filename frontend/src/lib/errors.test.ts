import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorMessage, forbiddenMessage, permissionMessage, toFormErrors } from './errors';

describe('toFormErrors', () => {
  it('puts errors with extensions.field next to the field and the rest in the banner', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('context must not contain spaces', { extensions: { code: 'BAD_USER_INPUT', field: 'context' } }),
        new GraphQLError('endpoint must be an absolute URL', { extensions: { code: 'BAD_USER_INPUT', field: 'input.endpoint' } }),
        new GraphQLError('an API with this context and version exists', { extensions: { code: 'CONFLICT' } }),
      ],
    });
    expect(toFormErrors(error)).toEqual({
      fields: { context: 'context must not contain spaces', endpoint: 'endpoint must be an absolute URL' },
      banner: 'an API with this context and version exists',
    });
  });

  it('reports a network failure in the banner', () => {
    const got = toFormErrors(new CombinedError({ networkError: new Error('offline') }));
    expect(got.fields).toEqual({});
    expect(got.banner).toBe('The server could not be reached.');
  });

  it('is empty without an error', () => {
    expect(toFormErrors(undefined)).toEqual({ fields: {}, banner: null });
  });
});

describe('FORBIDDEN in words', () => {
  const forbidden = () =>
    new CombinedError({
      graphQLErrors: [
        new GraphQLError('this needs one of the roles [admin publisher]', { extensions: { code: 'FORBIDDEN' } }),
        new GraphQLError('this needs one of the roles [admin]', { extensions: { code: 'FORBIDDEN' } }),
      ],
    });

  it('says it once, without the server notation, in a banner', () => {
    expect(errorMessage(forbidden())).toBe(forbiddenMessage);
    expect(errorMessage(forbidden())).not.toContain('[');
    expect(toFormErrors(forbidden()).banner).toContain('not allowed');
  });

  it('names the missing permission', () => {
    const e = new CombinedError({
      graphQLErrors: [
        new GraphQLError('this needs the permission api:publish', { extensions: { code: 'FORBIDDEN' } }),
        new GraphQLError('this needs the permission api:publish', { extensions: { code: 'FORBIDDEN' } }),
      ],
    });
    expect(errorMessage(e)).toBe(permissionMessage('api:publish'));
    expect(errorMessage(e)).toContain('it needs the permission api:publish. Ask an administrator');
  });

  it('keeps a refusal that gives its own reason', () => {
    const e = new CombinedError({ graphQLErrors: [new GraphQLError('only the owner of App may do this', { extensions: { code: 'FORBIDDEN' } })] });
    expect(errorMessage(e)).toBe('only the owner of App may do this');
  });

  it('keeps other messages as the server said them', () => {
    const e = new CombinedError({ graphQLErrors: [new GraphQLError('API x not found', { extensions: { code: 'NOT_FOUND' } })] });
    expect(errorMessage(e)).toBe('API x not found');
  });
});
