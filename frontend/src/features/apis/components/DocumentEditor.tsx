import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { DocumentDocType, DocumentSourceType } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';
import { MarkdownPreview } from './MarkdownPreview';
import { fileToBase64 } from './ThumbnailForm';

export interface DocumentValues {
  name: string;
  summary: string;
  docType: DocumentDocType;
  sourceType: DocumentSourceType;
  content: string;
  url: string;
  file: { name: string; contentBase64: string } | null;
}

export const MAX_DOCUMENT_BYTES = 5 << 20;

export const emptyDocument: DocumentValues = {
  name: '',
  summary: '',
  docType: 'HOWTO',
  sourceType: 'INLINE',
  content: '',
  url: '',
  file: null,
};

export interface DocumentEditorProps {
  initial: DocumentValues;
  /** The uploaded file's name when editing a FILE document. */
  currentFile?: string;
  onSubmit: (v: DocumentValues) => void;
  onCancel: () => void;
  errors: FormErrors;
  submitting: boolean;
}

const docTypes: DocumentDocType[] = ['HOWTO', 'SAMPLES', 'PUBLIC_FORUM', 'SUPPORT_FORUM', 'OTHER'];

/** Edits one document: inline markdown with a live preview, a URL, or an uploaded file. */
export function DocumentEditor({ initial, currentFile, onSubmit, onCancel, errors, submitting }: DocumentEditorProps) {
  const [v, setV] = useState(initial);
  const [fileError, setFileError] = useState<string | null>(null);
  const set = <K extends keyof DocumentValues>(k: K, value: DocumentValues[K]) => setV((old) => ({ ...old, [k]: value }));

  async function pick(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (!f) return;
    if (f.size > MAX_DOCUMENT_BYTES) {
      setFileError('The file is larger than 5 MiB.');
      return;
    }
    setFileError(null);
    set('file', { name: f.name, contentBase64: await fileToBase64(f) });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(v);
  }
  const f = errors.fields;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Document">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="doc-name" name="name" label="Name" error={f.name}>
        {(a) => <input {...a} type="text" value={v.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />}
      </FormField>
      <FormField id="doc-summary" name="summary" label="Summary" error={f.summary}>
        {(a) => <input {...a} type="text" value={v.summary} onChange={(e) => set('summary', e.target.value)} />}
      </FormField>
      <FormField id="doc-type" name="docType" label="Type" error={f.docType}>
        {(a) => (
          <select {...a} value={v.docType} onChange={(e) => set('docType', e.target.value as DocumentDocType)}>
            {docTypes.map((t) => (
              <option key={t} value={t}>
                {t.replace('_', ' ').toLowerCase()}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="doc-source" name="sourceType" label="Source" error={f.sourceType}>
        {(a) => (
          <select {...a} value={v.sourceType} onChange={(e) => set('sourceType', e.target.value as DocumentSourceType)}>
            <option value="INLINE">Markdown</option>
            <option value="URL">URL</option>
            <option value="FILE">File</option>
          </select>
        )}
      </FormField>
      {v.sourceType === 'INLINE' && (
        <div className="markdown-editor">
          <FormField id="doc-content" name="content" label="Markdown" error={f.content}>
            {(a) => <textarea {...a} rows={14} value={v.content} onChange={(e) => set('content', e.target.value)} />}
          </FormField>
          <div>
            <p className="muted">Preview</p>
            <MarkdownPreview source={v.content} />
          </div>
        </div>
      )}
      {v.sourceType === 'URL' && (
        <FormField id="doc-url" name="url" label="URL" error={f.url}>
          {(a) => <input {...a} type="url" value={v.url} onChange={(e) => set('url', e.target.value)} />}
        </FormField>
      )}
      {v.sourceType === 'FILE' && (
        <FormField
          id="doc-file"
          name="file"
          label="File"
          hint={`PDF, text, markdown, ZIP, PNG or JPEG, at most 5 MiB.${currentFile && !v.file ? ` Current: ${currentFile}` : ''}`}
          error={fileError ?? f.file}
        >
          {(a) => <input {...a} type="file" onChange={pick} />}
        </FormField>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save document'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
