import Markdown, { type Components } from 'react-markdown';

export interface ApiDocument {
  id: string;
  name: string;
  summary: string;
  docType: string;
  sourceType: string;
  content: string;
  url: string;
  fileName: string;
  fileURL?: string | null;
}

// A document's headings sit under the page's own h1 and the Documents h2: shift them down.
const headings: Components = {
  h1: ({ node: _n, ...p }) => <h3 {...p} />,
  h2: ({ node: _n, ...p }) => <h4 {...p} />,
  h3: ({ node: _n, ...p }) => <h5 {...p} />,
  h4: ({ node: _n, ...p }) => <h6 {...p} />,
};

/** Only web links are followed; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * An API's documents: markdown rendered by react-markdown without raw HTML (skipHtml; no
 * rehype-raw, and its default URL transform drops javascript: links), URL documents as links,
 * uploaded files as download links.
 */
export function ApiDocuments({ documents }: { documents: readonly ApiDocument[] }) {
  return (
    <section className="section" aria-labelledby="documents-title">
      <h2 id="documents-title">Documents</h2>
      {documents.length === 0 ? (
        <p className="empty">No documents.</p>
      ) : (
        <ul className="docs plain" aria-labelledby="documents-title">
          {documents.map((d) => (
            <li key={d.id}>
              <DocumentItem doc={d} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DocumentItem({ doc }: { doc: ApiDocument }) {
  const summary = doc.summary ? <p className="muted">{doc.summary}</p> : null;
  switch (doc.sourceType) {
    case 'INLINE':
      return (
        <details open>
          <summary>
            <strong>{doc.name}</strong> <span className="badge">{doc.docType}</span>
          </summary>
          {summary}
          <div className="markdown" data-testid="document-markdown">
            <Markdown skipHtml components={headings}>
              {doc.content}
            </Markdown>
          </div>
        </details>
      );
    case 'URL': {
      const href = safeHref(doc.url);
      return (
        <>
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {doc.name}
            </a>
          ) : (
            <strong>{doc.name}</strong>
          )}{' '}
          <span className="badge">{doc.docType}</span>
          {summary}
        </>
      );
    }
    default:
      return (
        <>
          {doc.fileURL ? (
            <a href={doc.fileURL} download={doc.fileName || true}>
              {doc.name}
            </a>
          ) : (
            <strong>{doc.name}</strong>
          )}{' '}
          <span className="badge">{doc.docType}</span> {doc.fileName && <span className="muted">({doc.fileName})</span>}
          {summary}
        </>
      );
  }
}
