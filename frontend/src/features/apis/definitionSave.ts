import { useClient, useMutation } from 'urql';
import { errorMessage } from '../../lib/errors';
import type { DefinitionReport } from './components/DefinitionReportPanel';
import { updateApiDefinitionMutation } from './mutations';
import { validateDefinitionQuery } from './queries';

/**
 * Validating and saving an API's definition text, for both editors: the enforced OpenAPI and
 * the stored GraphQL SDL, WSDL or AsyncAPI. onSaved runs once the server took the text.
 */
export function useDefinitionSave(id: string, onSaved: () => void) {
  const client = useClient();
  const [, updateDefinition] = useMutation(updateApiDefinitionMutation);

  async function validate(content: string): Promise<DefinitionReport> {
    const res = await client.query(validateDefinitionQuery, { source: { content } }, { requestPolicy: 'network-only' }).toPromise();
    if (!res.data) throw new Error(res.error ? errorMessage(res.error) : 'The definition could not be validated.');
    return res.data.validateDefinition;
  }

  async function save(content: string): Promise<string | null> {
    const res = await updateDefinition({ id, definition: content });
    if (res.error) return errorMessage(res.error);
    onSaved();
    return null;
  }

  return { validate, save };
}
