/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation CreateAPI($input: CreateAPIInput!) {\n    createAPI(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateApiDocument,
    "\n  mutation DeployAPI($input: DeployAPIInput!) {\n    deployAPI(input: $input) {\n      id\n      environment {\n        id\n        name\n      }\n      revision {\n        id\n        number\n      }\n    }\n  }\n": typeof types.DeployApiDocument,
    "\n  mutation DeleteAPI($id: ID!) {\n    deleteAPI(id: $id)\n  }\n": typeof types.DeleteApiDocument,
    "\n  mutation ImportAPI($input: ImportAPIInput!) {\n    importAPI(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.ImportApiDocument,
    "\n  mutation ChangeAPILifecycle($id: ID!, $action: LifecycleAction!, $reason: String) {\n    changeAPILifecycle(id: $id, action: $action, reason: $reason) {\n      id\n      lifecycleStatus\n      lifecycleActions\n    }\n  }\n": typeof types.ChangeApiLifecycleDocument,
    "\n  query PublisherApiList {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          lifecycleStatus\n        }\n      }\n    }\n  }\n": typeof types.PublisherApiListDocument,
    "\n  query PublisherApiDetail($id: ID!) {\n    apis(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          context\n          version\n          description\n          productionEndpoint\n          lifecycleStatus\n          isDefaultVersion\n          invocationURLs\n          definitionType\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n          lifecycleActions\n          lifecycleHistory {\n            from\n            to\n            actor\n            reason\n            time\n          }\n          revisions {\n            totalCount\n          }\n          deployments {\n            id\n            createdAt\n            environment {\n              id\n              name\n              displayName\n            }\n            revision {\n              id\n              number\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PublisherApiDetailDocument,
    "\n  query ValidateDefinition($source: DefinitionSourceInput!) {\n    validateDefinition(source: $source) {\n      valid\n      kind\n      specVersion\n      title\n      version\n      description\n      servers\n      operations {\n        method\n        target\n        operationId\n        summary\n        scopes\n        secured\n      }\n      problems {\n        severity\n        message\n        pointer\n        line\n        column\n      }\n    }\n  }\n": typeof types.ValidateDefinitionDocument,
    "\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n": typeof types.DevPortalPublishedApisDocument,
    "\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n": typeof types.AdminEnvironmentsDocument,
    "\n  query CatalogServiceEntries {\n    serviceEntries(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.CatalogServiceEntriesDocument,
    "\n  query AdminUsers {\n    users(first: 100, orderBy: { field: USERNAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          username\n          displayName\n          email\n          disabled\n        }\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
};
const documents: Documents = {
    "\n  mutation CreateAPI($input: CreateAPIInput!) {\n    createAPI(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateApiDocument,
    "\n  mutation DeployAPI($input: DeployAPIInput!) {\n    deployAPI(input: $input) {\n      id\n      environment {\n        id\n        name\n      }\n      revision {\n        id\n        number\n      }\n    }\n  }\n": types.DeployApiDocument,
    "\n  mutation DeleteAPI($id: ID!) {\n    deleteAPI(id: $id)\n  }\n": types.DeleteApiDocument,
    "\n  mutation ImportAPI($input: ImportAPIInput!) {\n    importAPI(input: $input) {\n      id\n      name\n    }\n  }\n": types.ImportApiDocument,
    "\n  mutation ChangeAPILifecycle($id: ID!, $action: LifecycleAction!, $reason: String) {\n    changeAPILifecycle(id: $id, action: $action, reason: $reason) {\n      id\n      lifecycleStatus\n      lifecycleActions\n    }\n  }\n": types.ChangeApiLifecycleDocument,
    "\n  query PublisherApiList {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          lifecycleStatus\n        }\n      }\n    }\n  }\n": types.PublisherApiListDocument,
    "\n  query PublisherApiDetail($id: ID!) {\n    apis(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          context\n          version\n          description\n          productionEndpoint\n          lifecycleStatus\n          isDefaultVersion\n          invocationURLs\n          definitionType\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n          lifecycleActions\n          lifecycleHistory {\n            from\n            to\n            actor\n            reason\n            time\n          }\n          revisions {\n            totalCount\n          }\n          deployments {\n            id\n            createdAt\n            environment {\n              id\n              name\n              displayName\n            }\n            revision {\n              id\n              number\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PublisherApiDetailDocument,
    "\n  query ValidateDefinition($source: DefinitionSourceInput!) {\n    validateDefinition(source: $source) {\n      valid\n      kind\n      specVersion\n      title\n      version\n      description\n      servers\n      operations {\n        method\n        target\n        operationId\n        summary\n        scopes\n        secured\n      }\n      problems {\n        severity\n        message\n        pointer\n        line\n        column\n      }\n    }\n  }\n": types.ValidateDefinitionDocument,
    "\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n": types.DevPortalPublishedApisDocument,
    "\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n": types.AdminEnvironmentsDocument,
    "\n  query CatalogServiceEntries {\n    serviceEntries(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n        }\n      }\n    }\n  }\n": types.CatalogServiceEntriesDocument,
    "\n  query AdminUsers {\n    users(first: 100, orderBy: { field: USERNAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          username\n          displayName\n          email\n          disabled\n        }\n      }\n    }\n  }\n": types.AdminUsersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAPI($input: CreateAPIInput!) {\n    createAPI(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAPI($input: CreateAPIInput!) {\n    createAPI(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeployAPI($input: DeployAPIInput!) {\n    deployAPI(input: $input) {\n      id\n      environment {\n        id\n        name\n      }\n      revision {\n        id\n        number\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeployAPI($input: DeployAPIInput!) {\n    deployAPI(input: $input) {\n      id\n      environment {\n        id\n        name\n      }\n      revision {\n        id\n        number\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAPI($id: ID!) {\n    deleteAPI(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteAPI($id: ID!) {\n    deleteAPI(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportAPI($input: ImportAPIInput!) {\n    importAPI(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation ImportAPI($input: ImportAPIInput!) {\n    importAPI(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeAPILifecycle($id: ID!, $action: LifecycleAction!, $reason: String) {\n    changeAPILifecycle(id: $id, action: $action, reason: $reason) {\n      id\n      lifecycleStatus\n      lifecycleActions\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeAPILifecycle($id: ID!, $action: LifecycleAction!, $reason: String) {\n    changeAPILifecycle(id: $id, action: $action, reason: $reason) {\n      id\n      lifecycleStatus\n      lifecycleActions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublisherApiList {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          lifecycleStatus\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PublisherApiList {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          lifecycleStatus\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublisherApiDetail($id: ID!) {\n    apis(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          context\n          version\n          description\n          productionEndpoint\n          lifecycleStatus\n          isDefaultVersion\n          invocationURLs\n          definitionType\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n          lifecycleActions\n          lifecycleHistory {\n            from\n            to\n            actor\n            reason\n            time\n          }\n          revisions {\n            totalCount\n          }\n          deployments {\n            id\n            createdAt\n            environment {\n              id\n              name\n              displayName\n            }\n            revision {\n              id\n              number\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PublisherApiDetail($id: ID!) {\n    apis(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          context\n          version\n          description\n          productionEndpoint\n          lifecycleStatus\n          isDefaultVersion\n          invocationURLs\n          definitionType\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n          lifecycleActions\n          lifecycleHistory {\n            from\n            to\n            actor\n            reason\n            time\n          }\n          revisions {\n            totalCount\n          }\n          deployments {\n            id\n            createdAt\n            environment {\n              id\n              name\n              displayName\n            }\n            revision {\n              id\n              number\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValidateDefinition($source: DefinitionSourceInput!) {\n    validateDefinition(source: $source) {\n      valid\n      kind\n      specVersion\n      title\n      version\n      description\n      servers\n      operations {\n        method\n        target\n        operationId\n        summary\n        scopes\n        secured\n      }\n      problems {\n        severity\n        message\n        pointer\n        line\n        column\n      }\n    }\n  }\n"): (typeof documents)["\n  query ValidateDefinition($source: DefinitionSourceInput!) {\n    validateDefinition(source: $source) {\n      valid\n      kind\n      specVersion\n      title\n      version\n      description\n      servers\n      operations {\n        method\n        target\n        operationId\n        summary\n        scopes\n        secured\n      }\n      problems {\n        severity\n        message\n        pointer\n        line\n        column\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogServiceEntries {\n    serviceEntries(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CatalogServiceEntries {\n    serviceEntries(first: 50, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers {\n    users(first: 100, orderBy: { field: USERNAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          username\n          displayName\n          email\n          disabled\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers {\n    users(first: 100, orderBy: { field: USERNAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          username\n          displayName\n          email\n          disabled\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;