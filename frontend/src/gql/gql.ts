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
    "\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateApplicationDocument,
    "\n  mutation UpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      name\n      description\n      throttlingTier\n    }\n  }\n": typeof types.UpdateApplicationDocument,
    "\n  mutation DeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n": typeof types.DeleteApplicationDocument,
    "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      id\n      status\n      throttlingTier\n      application {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SubscribeDocument,
    "\n  mutation Unsubscribe($id: ID!) {\n    unsubscribe(id: $id)\n  }\n": typeof types.UnsubscribeDocument,
    "\n  mutation GenerateKeys($input: GenerateKeysInput!) {\n    generateKeys(input: $input) {\n      key {\n        id\n        keyType\n        clientID\n        grantTypes\n      }\n      clientSecret\n    }\n  }\n": typeof types.GenerateKeysDocument,
    "\n  mutation RegenerateSecret($applicationID: ID!, $keyType: ApplicationKeyKeyType!) {\n    regenerateSecret(applicationID: $applicationID, keyType: $keyType) {\n      key {\n        id\n        clientID\n      }\n      clientSecret\n    }\n  }\n": typeof types.RegenerateSecretDocument,
    "\n  mutation GenerateAccessToken($input: GenerateAccessTokenInput!) {\n    generateAccessToken(input: $input) {\n      accessToken\n      tokenType\n      expiresAt\n      scopes\n    }\n  }\n": typeof types.GenerateAccessTokenDocument,
    "\n  query DevPortalApplications {\n    applications(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.DevPortalApplicationsDocument,
    "\n  query DevPortalApplication($id: ID!) {\n    applications(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n            status\n            throttlingTier\n            api {\n              id\n              name\n              version\n              context\n              invocationURLs\n              operations {\n                id\n                method\n                target\n              }\n            }\n          }\n          keys {\n            id\n            keyType\n            clientID\n            grantTypes\n            callbackURL\n          }\n        }\n      }\n    }\n  }\n": typeof types.DevPortalApplicationDocument,
    "\n  query ThrottlingTiers($level: ThrottlingTierLevel!) {\n    throttlingTiers(first: 50, where: { level: $level }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          description\n        }\n      }\n    }\n  }\n": typeof types.ThrottlingTiersDocument,
    "\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n": typeof types.DevPortalPublishedApisDocument,
    "\n  query DevPortalApi($id: ID!) {\n    apis(first: 1, where: { id: $id, lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          description\n          invocationURLs\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n        }\n      }\n    }\n  }\n": typeof types.DevPortalApiDocument,
    "\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n": typeof types.AdminEnvironmentsDocument,
    "\n  mutation CreateServiceEntry($input: ServiceEntryInput!) {\n    createServiceEntry(input: $input) {\n      id\n      name\n      version\n    }\n  }\n": typeof types.CreateServiceEntryDocument,
    "\n  mutation UpdateServiceEntry($id: ID!, $input: ServiceEntryInput!) {\n    updateServiceEntry(id: $id, input: $input) {\n      id\n      displayName\n      description\n      serviceURL\n      securityType\n      mutualTLS\n      definitionType\n      definition\n      definitionHash\n      updatedAt\n    }\n  }\n": typeof types.UpdateServiceEntryDocument,
    "\n  mutation DeleteServiceEntry($id: ID!) {\n    deleteServiceEntry(id: $id)\n  }\n": typeof types.DeleteServiceEntryDocument,
    "\n  mutation CreateAPIFromService($input: CreateAPIFromServiceInput!) {\n    createAPIFromService(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateApiFromServiceDocument,
    "\n  mutation UpdateAPIFromService($apiID: ID!) {\n    updateAPIFromService(apiID: $apiID) {\n      id\n      drift {\n        outOfDate\n        added\n        removed\n        changed\n      }\n    }\n  }\n": typeof types.UpdateApiFromServiceDocument,
    "\n  query CatalogServiceEntries($where: ServiceEntryWhereInput) {\n    serviceEntries(first: 100, where: $where, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n          usage {\n            id\n            drift {\n              outOfDate\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CatalogServiceEntriesDocument,
    "\n  query CatalogServiceEntry($id: ID!) {\n    serviceEntries(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          version\n          displayName\n          description\n          serviceURL\n          definitionType\n          definition\n          definitionHash\n          securityType\n          mutualTLS\n          createdBy\n          updatedAt\n          usage {\n            id\n            name\n            version\n            context\n            drift {\n              outOfDate\n              added\n              removed\n              changed\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CatalogServiceEntryDocument,
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
    "\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateApplicationDocument,
    "\n  mutation UpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      name\n      description\n      throttlingTier\n    }\n  }\n": types.UpdateApplicationDocument,
    "\n  mutation DeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n": types.DeleteApplicationDocument,
    "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      id\n      status\n      throttlingTier\n      application {\n        id\n        name\n      }\n    }\n  }\n": types.SubscribeDocument,
    "\n  mutation Unsubscribe($id: ID!) {\n    unsubscribe(id: $id)\n  }\n": types.UnsubscribeDocument,
    "\n  mutation GenerateKeys($input: GenerateKeysInput!) {\n    generateKeys(input: $input) {\n      key {\n        id\n        keyType\n        clientID\n        grantTypes\n      }\n      clientSecret\n    }\n  }\n": types.GenerateKeysDocument,
    "\n  mutation RegenerateSecret($applicationID: ID!, $keyType: ApplicationKeyKeyType!) {\n    regenerateSecret(applicationID: $applicationID, keyType: $keyType) {\n      key {\n        id\n        clientID\n      }\n      clientSecret\n    }\n  }\n": types.RegenerateSecretDocument,
    "\n  mutation GenerateAccessToken($input: GenerateAccessTokenInput!) {\n    generateAccessToken(input: $input) {\n      accessToken\n      tokenType\n      expiresAt\n      scopes\n    }\n  }\n": types.GenerateAccessTokenDocument,
    "\n  query DevPortalApplications {\n    applications(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.DevPortalApplicationsDocument,
    "\n  query DevPortalApplication($id: ID!) {\n    applications(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n            status\n            throttlingTier\n            api {\n              id\n              name\n              version\n              context\n              invocationURLs\n              operations {\n                id\n                method\n                target\n              }\n            }\n          }\n          keys {\n            id\n            keyType\n            clientID\n            grantTypes\n            callbackURL\n          }\n        }\n      }\n    }\n  }\n": types.DevPortalApplicationDocument,
    "\n  query ThrottlingTiers($level: ThrottlingTierLevel!) {\n    throttlingTiers(first: 50, where: { level: $level }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          description\n        }\n      }\n    }\n  }\n": types.ThrottlingTiersDocument,
    "\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n": types.DevPortalPublishedApisDocument,
    "\n  query DevPortalApi($id: ID!) {\n    apis(first: 1, where: { id: $id, lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          description\n          invocationURLs\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n        }\n      }\n    }\n  }\n": types.DevPortalApiDocument,
    "\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n": types.AdminEnvironmentsDocument,
    "\n  mutation CreateServiceEntry($input: ServiceEntryInput!) {\n    createServiceEntry(input: $input) {\n      id\n      name\n      version\n    }\n  }\n": types.CreateServiceEntryDocument,
    "\n  mutation UpdateServiceEntry($id: ID!, $input: ServiceEntryInput!) {\n    updateServiceEntry(id: $id, input: $input) {\n      id\n      displayName\n      description\n      serviceURL\n      securityType\n      mutualTLS\n      definitionType\n      definition\n      definitionHash\n      updatedAt\n    }\n  }\n": types.UpdateServiceEntryDocument,
    "\n  mutation DeleteServiceEntry($id: ID!) {\n    deleteServiceEntry(id: $id)\n  }\n": types.DeleteServiceEntryDocument,
    "\n  mutation CreateAPIFromService($input: CreateAPIFromServiceInput!) {\n    createAPIFromService(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateApiFromServiceDocument,
    "\n  mutation UpdateAPIFromService($apiID: ID!) {\n    updateAPIFromService(apiID: $apiID) {\n      id\n      drift {\n        outOfDate\n        added\n        removed\n        changed\n      }\n    }\n  }\n": types.UpdateApiFromServiceDocument,
    "\n  query CatalogServiceEntries($where: ServiceEntryWhereInput) {\n    serviceEntries(first: 100, where: $where, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n          usage {\n            id\n            drift {\n              outOfDate\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CatalogServiceEntriesDocument,
    "\n  query CatalogServiceEntry($id: ID!) {\n    serviceEntries(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          version\n          displayName\n          description\n          serviceURL\n          definitionType\n          definition\n          definitionHash\n          securityType\n          mutualTLS\n          createdBy\n          updatedAt\n          usage {\n            id\n            name\n            version\n            context\n            drift {\n              outOfDate\n              added\n              removed\n              changed\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CatalogServiceEntryDocument,
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
export function graphql(source: "\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      name\n      description\n      throttlingTier\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateApplication($id: ID!, $input: UpdateApplicationInput!) {\n    updateApplication(id: $id, input: $input) {\n      id\n      name\n      description\n      throttlingTier\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteApplication($id: ID!) {\n    deleteApplication(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      id\n      status\n      throttlingTier\n      application {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      id\n      status\n      throttlingTier\n      application {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unsubscribe($id: ID!) {\n    unsubscribe(id: $id)\n  }\n"): (typeof documents)["\n  mutation Unsubscribe($id: ID!) {\n    unsubscribe(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateKeys($input: GenerateKeysInput!) {\n    generateKeys(input: $input) {\n      key {\n        id\n        keyType\n        clientID\n        grantTypes\n      }\n      clientSecret\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateKeys($input: GenerateKeysInput!) {\n    generateKeys(input: $input) {\n      key {\n        id\n        keyType\n        clientID\n        grantTypes\n      }\n      clientSecret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateSecret($applicationID: ID!, $keyType: ApplicationKeyKeyType!) {\n    regenerateSecret(applicationID: $applicationID, keyType: $keyType) {\n      key {\n        id\n        clientID\n      }\n      clientSecret\n    }\n  }\n"): (typeof documents)["\n  mutation RegenerateSecret($applicationID: ID!, $keyType: ApplicationKeyKeyType!) {\n    regenerateSecret(applicationID: $applicationID, keyType: $keyType) {\n      key {\n        id\n        clientID\n      }\n      clientSecret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateAccessToken($input: GenerateAccessTokenInput!) {\n    generateAccessToken(input: $input) {\n      accessToken\n      tokenType\n      expiresAt\n      scopes\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateAccessToken($input: GenerateAccessTokenInput!) {\n    generateAccessToken(input: $input) {\n      accessToken\n      tokenType\n      expiresAt\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevPortalApplications {\n    applications(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DevPortalApplications {\n    applications(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevPortalApplication($id: ID!) {\n    applications(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n            status\n            throttlingTier\n            api {\n              id\n              name\n              version\n              context\n              invocationURLs\n              operations {\n                id\n                method\n                target\n              }\n            }\n          }\n          keys {\n            id\n            keyType\n            clientID\n            grantTypes\n            callbackURL\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DevPortalApplication($id: ID!) {\n    applications(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          description\n          throttlingTier\n          tokenType\n          subscriptions {\n            id\n            status\n            throttlingTier\n            api {\n              id\n              name\n              version\n              context\n              invocationURLs\n              operations {\n                id\n                method\n                target\n              }\n            }\n          }\n          keys {\n            id\n            keyType\n            clientID\n            grantTypes\n            callbackURL\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ThrottlingTiers($level: ThrottlingTierLevel!) {\n    throttlingTiers(first: 50, where: { level: $level }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          description\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ThrottlingTiers($level: ThrottlingTierLevel!) {\n    throttlingTiers(first: 50, where: { level: $level }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          description\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DevPortalPublishedApis {\n    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          description\n          invocationURLs\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevPortalApi($id: ID!) {\n    apis(first: 1, where: { id: $id, lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          description\n          invocationURLs\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DevPortalApi($id: ID!) {\n    apis(first: 1, where: { id: $id, lifecycleStatus: PUBLISHED }) {\n      edges {\n        node {\n          id\n          name\n          version\n          context\n          description\n          invocationURLs\n          operations {\n            id\n            method\n            target\n            authRequired\n            scopes\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminEnvironments {\n    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          displayName\n          gatewayURL\n          isDefault\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateServiceEntry($input: ServiceEntryInput!) {\n    createServiceEntry(input: $input) {\n      id\n      name\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateServiceEntry($input: ServiceEntryInput!) {\n    createServiceEntry(input: $input) {\n      id\n      name\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateServiceEntry($id: ID!, $input: ServiceEntryInput!) {\n    updateServiceEntry(id: $id, input: $input) {\n      id\n      displayName\n      description\n      serviceURL\n      securityType\n      mutualTLS\n      definitionType\n      definition\n      definitionHash\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateServiceEntry($id: ID!, $input: ServiceEntryInput!) {\n    updateServiceEntry(id: $id, input: $input) {\n      id\n      displayName\n      description\n      serviceURL\n      securityType\n      mutualTLS\n      definitionType\n      definition\n      definitionHash\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteServiceEntry($id: ID!) {\n    deleteServiceEntry(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteServiceEntry($id: ID!) {\n    deleteServiceEntry(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAPIFromService($input: CreateAPIFromServiceInput!) {\n    createAPIFromService(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAPIFromService($input: CreateAPIFromServiceInput!) {\n    createAPIFromService(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAPIFromService($apiID: ID!) {\n    updateAPIFromService(apiID: $apiID) {\n      id\n      drift {\n        outOfDate\n        added\n        removed\n        changed\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAPIFromService($apiID: ID!) {\n    updateAPIFromService(apiID: $apiID) {\n      id\n      drift {\n        outOfDate\n        added\n        removed\n        changed\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogServiceEntries($where: ServiceEntryWhereInput) {\n    serviceEntries(first: 100, where: $where, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n          usage {\n            id\n            drift {\n              outOfDate\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CatalogServiceEntries($where: ServiceEntryWhereInput) {\n    serviceEntries(first: 100, where: $where, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          displayName\n          version\n          serviceURL\n          definitionType\n          updatedAt\n          usage {\n            id\n            drift {\n              outOfDate\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogServiceEntry($id: ID!) {\n    serviceEntries(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          version\n          displayName\n          description\n          serviceURL\n          definitionType\n          definition\n          definitionHash\n          securityType\n          mutualTLS\n          createdBy\n          updatedAt\n          usage {\n            id\n            name\n            version\n            context\n            drift {\n              outOfDate\n              added\n              removed\n              changed\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CatalogServiceEntry($id: ID!) {\n    serviceEntries(first: 1, where: { id: $id }) {\n      edges {\n        node {\n          id\n          name\n          version\n          displayName\n          description\n          serviceURL\n          definitionType\n          definition\n          definitionHash\n          securityType\n          mutualTLS\n          createdBy\n          updatedAt\n          usage {\n            id\n            name\n            version\n            context\n            drift {\n              outOfDate\n              added\n              removed\n              changed\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers {\n    users(first: 100, orderBy: { field: USERNAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          username\n          displayName\n          email\n          disabled\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers {\n    users(first: 100, orderBy: { field: USERNAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          username\n          displayName\n          email\n          disabled\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;