import { graphql } from '../../gql';

export const createAlertMutation = graphql(`
  mutation CreateAlert($input: AlertInput!) {
    createAlert(input: $input) {
      id
    }
  }
`);

export const updateAlertMutation = graphql(`
  mutation UpdateAlert($id: ID!, $input: AlertInput!) {
    updateAlert(id: $id, input: $input) {
      id
    }
  }
`);

export const deleteAlertMutation = graphql(`
  mutation DeleteAlert($id: ID!) {
    deleteAlert(id: $id)
  }
`);
