import { graphql } from '../../gql';

export const productListQuery = graphql(`
  query PublisherProducts {
    apis(first: 100, orderBy: { field: NAME, direction: ASC }, where: { type: PRODUCT }) {
      edges {
        node {
          id
          name
          context
          version
          description
          lifecycleStatus
          operations {
            id
          }
        }
      }
    }
  }
`);

/** The APIs whose operations a product may bundle: every API of the organization but products. */
export const productSourcesQuery = graphql(`
  query PublisherProductSources {
    apis(first: 200, orderBy: { field: NAME, direction: ASC }, where: { typeNEQ: PRODUCT }) {
      edges {
        node {
          id
          name
          version
          operations {
            id
            method
            target
          }
        }
      }
    }
  }
`);

/** A product's operations with the source operations they link to. */
export const productOperationsQuery = graphql(`
  query PublisherProductOperations($id: ID!) {
    node(id: $id) {
      ... on API {
        id
        operations {
          id
          method
          target
          sourceOperation {
            id
          }
        }
      }
    }
  }
`);
