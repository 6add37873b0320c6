import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import '../applications.css';

export interface Attribute {
  key: string;
  value: string;
}

export interface AttributesPanelProps {
  attributes: Attribute[];
  sharedGroups: string[];
  /** Owners and admins edit; members of a shared group only read. */
  canManage: boolean;
  /** Keys the organization requires: offered as rows even when missing. */
  required?: string[];
  onSaveAttributes: (attributes: Attribute[]) => void;
  savingAttributes: boolean;
  attributeErrors: FormErrors;
  onShare: (groups: string[]) => void;
  sharing: boolean;
  shareErrors: FormErrors;
}

/** An application's custom attributes and the user groups it is shared with. */
export function AttributesPanel(props: AttributesPanelProps) {
  return (
    <section className="section panel" aria-labelledby="attributes-title">
      <h2 id="attributes-title">Attributes and sharing</h2>
      {props.canManage ? <AttributesForm {...props} /> : <AttributeList attributes={props.attributes} />}
      {props.canManage ? (
        <ShareForm {...props} />
      ) : (
        <p data-testid="shared-groups">Shared with you through the group{props.sharedGroups.length > 1 ? 's' : ''} {props.sharedGroups.join(', ')}: you can subscribe and use the keys; only the owner manages the application.</p>
      )}
    </section>
  );
}

function AttributeList({ attributes }: { attributes: Attribute[] }) {
  if (attributes.length === 0) return <p className="muted">No attributes.</p>;
  return (
    <dl className="details" aria-label="Attributes">
      {attributes.map((a) => (
        <div key={a.key}>
          <dt>{a.key}</dt>
          <dd>{a.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AttributesForm({ attributes, onSaveAttributes, savingAttributes, attributeErrors, required = [] }: AttributesPanelProps) {
  const [rows, setRows] = useState<Attribute[]>(() => [...attributes, ...required.filter((k) => !attributes.some((a) => a.key === k)).map((key) => ({ key, value: '' }))]);
  const set = (i: number, patch: Partial<Attribute>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSaveAttributes(rows.filter((r) => r.key.trim() !== '' || r.value.trim() !== '').map((r) => ({ key: r.key.trim(), value: r.value.trim() })));
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Attributes">
      {attributeErrors.banner && <Banner>{attributeErrors.banner}</Banner>}
      {rows.length === 0 && <p className="muted">No attributes. Add notes such as a cost centre or a team.</p>}
      {rows.map((r, i) => (
        <div className="attribute-row" key={i}>
          <label>
            Key {i + 1}
            {required.includes(r.key) && ' (required)'}
            <input value={r.key} onChange={(e) => set(i, { key: e.target.value })} aria-label={`Attribute ${i + 1} key`} />
          </label>
          <label>
            Value {i + 1}
            <input value={r.value} onChange={(e) => set(i, { value: e.target.value })} aria-label={`Attribute ${i + 1} value`} />
          </label>
          <button type="button" className="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove attribute ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      {attributeErrors.fields.attributes && (
        <p className="field-error" data-testid="field-error-attributes">
          {attributeErrors.fields.attributes}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setRows((rs) => [...rs, { key: '', value: '' }])}>
          Add attribute
        </button>
        <button type="submit" className="button primary" disabled={savingAttributes}>
          {savingAttributes ? 'Saving…' : 'Save attributes'}
        </button>
      </div>
    </form>
  );
}

function ShareForm({ sharedGroups, onShare, sharing, shareErrors }: AttributesPanelProps) {
  const [text, setText] = useState(sharedGroups.join(', '));
  function submit(e: FormEvent) {
    e.preventDefault();
    onShare(
      text
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Sharing">
      {shareErrors.banner && <Banner>{shareErrors.banner}</Banner>}
      <FormField
        id="shared-groups"
        name="groups"
        label="Shared with groups"
        hint="Comma-separated user groups of your organization. Their members can see the application, subscribe and use its keys; only you (and admins) manage it and regenerate secrets."
        error={shareErrors.fields.groups}
      >
        {(a) => <input {...a} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={sharing}>
          {sharing ? 'Sharing…' : 'Save sharing'}
        </button>
      </div>
    </form>
  );
}
