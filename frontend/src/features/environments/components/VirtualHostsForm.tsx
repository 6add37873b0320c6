import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';

export interface VirtualHostValue {
  host: string;
  httpPort: number | null;
  httpsPort: number | null;
}

export interface VirtualHostsFormProps {
  environment: string;
  initial: VirtualHostValue[];
  onSubmit: (hosts: VirtualHostValue[]) => void;
  /** Server errors by input field path, e.g. "virtualHosts.1.host"; "" for the rest. */
  errors: Record<string, string>;
  submitting?: boolean;
}

interface Row {
  key: number;
  host: string;
  httpPort: string;
  httpsPort: string;
}

// The server is the authority (it normalizes and checks again); these checks
// only spare a round trip for the obvious mistakes.
const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Lower-cased host, or an error message. Exported for tests. */
export function checkHost(raw: string): { host: string } | { error: string } {
  let h = raw.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h) return { error: 'Enter a DNS name or an IP address.' };
  if (h.includes(':')) {
    // An IPv6 address has at least two colons; one colon is a port.
    if ((h.match(/:/g) ?? []).length < 2 || !/^[0-9a-f:.]+$/.test(h)) return { error: 'Enter the host without a port or scheme; ports go in their own fields.' };
    return { host: h };
  }
  if (ipv4.test(h)) {
    return h.split('.').every((p) => Number(p) <= 255) ? { host: h } : { error: `${raw.trim()} is not a valid IPv4 address.` };
  }
  if (h.length > 253 || !h.split('.').every((l) => label.test(l))) {
    return { error: 'A DNS name has labels of letters, digits and "-" (not at either end), separated by dots.' };
  }
  return { host: h };
}

function checkPort(raw: string): { port: number | null } | { error: string } {
  const s = raw.trim();
  if (!s) return { port: null };
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 65535) return { error: 'A port is a whole number from 1 to 65535.' };
  return { port: n };
}

let nextKey = 1;
const toRow = (v: VirtualHostValue): Row => ({ key: nextKey++, host: v.host, httpPort: v.httpPort?.toString() ?? '', httpsPort: v.httpsPort?.toString() ?? '' });

/** Edits an environment's virtual hosts: host name plus optional HTTP and HTTPS ports each. */
export function VirtualHostsForm({ environment, initial, onSubmit, errors, submitting }: VirtualHostsFormProps) {
  const [rows, setRows] = useState<Row[]>(() => initial.map(toRow));
  const [local, setLocal] = useState<Record<string, string>>({});
  const shown = Object.keys(local).length ? local : errors;

  function set(key: number, patch: Partial<Row>) {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const out: VirtualHostValue[] = [];
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const h = checkHost(r.host);
      if ('error' in h) errs[`virtualHosts.${i}.host`] = h.error;
      else if (seen.has(h.host)) errs[`virtualHosts.${i}.host`] = `${h.host} is already listed (row ${(seen.get(h.host) ?? 0) + 1}).`;
      else seen.set(h.host, i);
      const http = checkPort(r.httpPort);
      if ('error' in http) errs[`virtualHosts.${i}.httpPort`] = http.error;
      const https = checkPort(r.httpsPort);
      if ('error' in https) errs[`virtualHosts.${i}.httpsPort`] = https.error;
      if ('host' in h && 'port' in http && 'port' in https) out.push({ host: h.host, httpPort: http.port, httpsPort: https.port });
    });
    setLocal(errs);
    if (Object.keys(errs).length === 0) onSubmit(out);
  }

  const field = (i: number, name: 'host' | 'httpPort' | 'httpsPort', text: string, r: Row, placeholder: string) => {
    const id = `vhost-${environment}-${r.key}-${name}`;
    const error = shown[`virtualHosts.${i}.${name}`];
    return (
      <td className={error ? 'field invalid' : 'field'}>
        <label htmlFor={id} className="visually-hidden">
          {text} {i + 1}
        </label>
        <input
          id={id}
          value={r[name]}
          placeholder={placeholder}
          inputMode={name === 'host' ? undefined : 'numeric'}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(r.key, { [name]: e.target.value })}
        />
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </td>
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`Virtual hosts of ${environment}`}>
      {shown[''] && <Banner>{shown['']}</Banner>}
      {rows.length === 0 ? (
        <p className="muted">No virtual hosts: APIs deployed here answer on any host name.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">HTTP port</th>
              <th scope="col">HTTPS port</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                {field(i, 'host', 'Host', r, 'api.example.com')}
                {field(i, 'httpPort', 'HTTP port', r, '80')}
                {field(i, 'httpsPort', 'HTTPS port', r, '443')}
                <td>
                  <button type="button" className="button" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                    Remove {i + 1}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="field-hint">Ports left empty use the gateway URL's port for that scheme, else 80 and 443.</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setRows((rs) => [...rs, toRow({ host: '', httpPort: null, httpsPort: null })])}>
          Add virtual host
        </button>{' '}
        <button type="submit" className="button primary" disabled={submitting}>
          Save virtual hosts
        </button>
      </div>
    </form>
  );
}
