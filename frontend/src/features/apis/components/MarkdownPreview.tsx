import Markdown from 'react-markdown';

/**
 * Renders a document's markdown. react-markdown builds React elements from the markdown
 * syntax tree and, without rehype-raw, drops raw HTML (skipHtml makes that explicit), so a
 * document cannot inject markup or script. Links to javascript: URLs are removed by its
 * default URL transform.
 */
export function MarkdownPreview({ source }: { source: string }) {
  return (
    <div className="markdown" data-testid="markdown-preview">
      <Markdown skipHtml>{source}</Markdown>
    </div>
  );
}
