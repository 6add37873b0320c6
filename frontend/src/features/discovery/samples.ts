/** One resource of an API as the Developer Portal shows it. */
export interface Resource {
  method: string;
  target: string;
}

/**
 * The resource the code samples call: the first GET without path parameters, else the first
 * GET, else null (the samples then call the API's root).
 */
export function sampleResource(resources: readonly Resource[]): Resource | null {
  const gets = resources.filter((r) => r.method === 'GET');
  return gets.find((r) => !r.target.includes('{')) ?? gets[0] ?? null;
}

/** The gateway URL of a resource: the invocation URL (gateway/context/version) plus its path. */
export function resourceUrl(invocationURL: string, target: string): string {
  const base = invocationURL.replace(/\/+$/, '');
  if (!target || target === '/') return `${base}/`;
  return base + (target.startsWith('/') ? target : `/${target}`);
}

export type SampleLanguage = 'curl' | 'JavaScript' | 'Python' | 'Go';

export const sampleLanguages: SampleLanguage[] = ['curl', 'JavaScript', 'Python', 'Go'];

/**
 * SDK-free code that calls `url` with a bearer token read from the TOKEN environment
 * variable (`$TOKEN` in the shell).
 */
export function codeSample(language: SampleLanguage, url: string): string {
  switch (language) {
    case 'curl':
      return `curl -H "Authorization: Bearer $TOKEN" "${url}"`;
    case 'JavaScript':
      return [
        `// TOKEN=<access token> node call.mjs`,
        `const res = await fetch(${JSON.stringify(url)}, {`,
        '  headers: { Authorization: `Bearer ${process.env.TOKEN}` },',
        `});`,
        `console.log(res.status, await res.json());`,
      ].join('\n');
    case 'Python':
      return [
        `# TOKEN=<access token> python3 call.py`,
        `import os`,
        `import requests`,
        ``,
        `res = requests.get(`,
        `    ${JSON.stringify(url)},`,
        `    headers={"Authorization": f"Bearer {os.environ['TOKEN']}"},`,
        `    timeout=10,`,
        `)`,
        `print(res.status_code, res.json())`,
      ].join('\n');
    case 'Go':
      return [
        `// TOKEN=<access token> go run call.go`,
        `package main`,
        ``,
        `import (`,
        `\t"fmt"`,
        `\t"io"`,
        `\t"net/http"`,
        `\t"os"`,
        `)`,
        ``,
        `func main() {`,
        `\treq, err := http.NewRequest(http.MethodGet, ${JSON.stringify(url)}, nil)`,
        `\tif err != nil {`,
        `\t\tpanic(err)`,
        `\t}`,
        `\treq.Header.Set("Authorization", "Bearer "+os.Getenv("TOKEN"))`,
        `\tres, err := http.DefaultClient.Do(req)`,
        `\tif err != nil {`,
        `\t\tpanic(err)`,
        `\t}`,
        `\tdefer res.Body.Close()`,
        `\tbody, _ := io.ReadAll(res.Body)`,
        `\tfmt.Println(res.Status, string(body))`,
        `}`,
      ].join('\n');
  }
}
