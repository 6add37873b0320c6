import { describe, expect, it } from 'vitest';
import { codeSample, resourceUrl, sampleLanguages, sampleResource } from './samples';

describe('code samples', () => {
  it('call the first GET resource without path parameters', () => {
    const r = sampleResource([
      { method: 'DELETE', target: '/order/{orderId}' },
      { method: 'GET', target: '/order/{orderId}' },
      { method: 'GET', target: '/menu' },
    ]);
    expect(r).toEqual({ method: 'GET', target: '/menu' });
    expect(sampleResource([{ method: 'POST', target: '/order' }])).toBeNull();
    expect(resourceUrl('http://gw:8280/pizzashack/1.0.0/', '/menu')).toBe('http://gw:8280/pizzashack/1.0.0/menu');
  });

  it('fill in the URL and a $TOKEN placeholder in every language', () => {
    const url = 'http://gw:8280/pizzashack/1.0.0/menu';
    expect(codeSample('curl', url)).toBe(`curl -H "Authorization: Bearer $TOKEN" "${url}"`);
    for (const l of sampleLanguages) {
      expect(codeSample(l, url)).toContain(url);
      expect(codeSample(l, url)).toMatch(/TOKEN/);
    }
    expect(codeSample('Python', url)).toContain('import requests');
    expect(codeSample('Go', url)).toContain('net/http');
    expect(codeSample('JavaScript', url)).toContain('fetch(');
  });
});
