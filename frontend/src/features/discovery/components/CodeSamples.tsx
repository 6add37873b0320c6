import { useState } from 'react';
import { codeSample, sampleLanguages, type SampleLanguage } from '../samples';
import '../discovery.css';

export interface CodeSamplesProps {
  /** The gateway URL the samples call, or null when the API is not deployed anywhere. */
  url: string | null;
  /** The resource the URL points at, e.g. "GET /menu". */
  resource: string | null;
}

/** Copy-paste code that calls the API without an SDK, one tab per language. */
export function CodeSamples({ url, resource }: CodeSamplesProps) {
  const [language, setLanguage] = useState<SampleLanguage>('curl');
  return (
    <section className="section" aria-labelledby="samples-title">
      <h2 id="samples-title">Try it</h2>
      {!url ? (
        <p className="empty">Not deployed to a gateway yet: no URL to call.</p>
      ) : (
        <>
          <p className="muted">
            Calls {resource ? <code>{resource}</code> : 'the API'} with an access token in <code>$TOKEN</code> (generate one on your application's page).
          </p>
          <div className="sample-tabs" role="tablist" aria-label="Languages">
            {sampleLanguages.map((l) => (
              <button
                key={l}
                type="button"
                role="tab"
                id={`sample-tab-${l}`}
                aria-selected={l === language}
                aria-controls="sample-panel"
                className={l === language ? 'sample-tab active' : 'sample-tab'}
                onClick={() => setLanguage(l)}
              >
                {l}
              </button>
            ))}
          </div>
          <pre className="sample" id="sample-panel" role="tabpanel" aria-labelledby={`sample-tab-${language}`} data-testid="code-sample">
            <code>{codeSample(language, url)}</code>
          </pre>
        </>
      )}
    </section>
  );
}
