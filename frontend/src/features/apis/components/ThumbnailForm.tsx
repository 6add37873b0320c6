import { useState } from 'react';
import { Banner } from '../../../components/Banner';

export interface ThumbnailFormProps {
  url: string | null | undefined;
  onUpload: (name: string, base64: string) => void;
  onRemove: () => void;
  error: string | null;
  busy: boolean;
}

export const MAX_THUMBNAIL_BYTES = 1 << 20;

/** Reads a file as base64 (without the data: prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** The API's thumbnail: PNG, JPEG or WebP up to 1 MiB (the server checks the bytes). */
export function ThumbnailForm({ url, onUpload, onRemove, error, busy }: ThumbnailFormProps) {
  const [local, setLocal] = useState<string | null>(null);
  async function pick(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_THUMBNAIL_BYTES) {
      setLocal('The image is larger than 1 MiB.');
      return;
    }
    setLocal(null);
    onUpload(file.name, await fileToBase64(file));
  }
  return (
    <div className="thumbnail-form">
      {(local ?? error) && <Banner>{local ?? error}</Banner>}
      {url ? <img src={url} alt="API thumbnail" className="thumbnail" width={96} height={96} /> : <p className="empty">No thumbnail.</p>}
      <label className="button">
        {busy ? 'Uploading…' : 'Upload image'}
        <input type="file" accept="image/png,image/jpeg,image/webp" onChange={pick} hidden aria-label="Thumbnail file" />
      </label>
      {url && (
        <button type="button" className="button" onClick={onRemove} disabled={busy}>
          Remove
        </button>
      )}
    </div>
  );
}
