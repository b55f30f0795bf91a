import { Typography } from 'antd';

/**
 * An agreement body as readers see it: `# ` lines are headings, blank lines separate paragraphs, single line breaks
 * are kept. Used wherever a customer must read the full text (shop, signing page) and in the admin preview.
 */
export function AgreementText({ body, className }: { body: string; className?: string }) {
  const blocks = body.trim().split(/\n\s*\n/);
  return (
    <div className={`agreement-text ${className ?? ''}`}>
      {blocks.map((block, i) => {
        const lines = block.split('\n');
        if (lines.length === 1 && lines[0]!.startsWith('# ')) {
          return (
            <Typography.Title key={i} level={5} style={{ textAlign: 'center', marginTop: i ? 12 : 0 }}>
              {lines[0]!.slice(2)}
            </Typography.Title>
          );
        }
        return (
          <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap', marginBottom: 10 }}>
            {lines.map((l) => (l.startsWith('# ') ? l.slice(2) : l)).join('\n')}
          </Typography.Paragraph>
        );
      })}
    </div>
  );
}
