export interface PickerEnvironment {
  name: string;
  label: string;
  virtualHosts: string[];
}

export interface VirtualHostPickerProps {
  environments: PickerEnvironment[];
  /** The chosen host per environment name; missing or "" is the environment's default (any host). */
  value: Record<string, string>;
  onChange: (environment: string, host: string) => void;
}

/**
 * Chooses, per environment that has virtual hosts, the one the next deployment answers on.
 * Environments without virtual hosts are left out: their deployments answer any host.
 */
export function VirtualHostPicker({ environments, value, onChange }: VirtualHostPickerProps) {
  const withHosts = environments.filter((e) => e.virtualHosts.length > 0);
  if (withHosts.length === 0) return null;
  return (
    <fieldset className="fieldset inline-form" aria-label="Deploy on virtual host">
      <legend>Deploy on virtual host</legend>
      {withHosts.map((e) => {
        const id = `deploy-vhost-${e.name}`;
        return (
          <span key={e.name}>
            <label htmlFor={id}>Virtual host in {e.label}</label>{' '}
            <select id={id} value={value[e.name] ?? ''} onChange={(ev) => onChange(e.name, ev.target.value)}>
              <option value="">Any host (environment default)</option>
              {e.virtualHosts.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </span>
        );
      })}
    </fieldset>
  );
}
