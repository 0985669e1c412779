/**
 * The source of a Muat Turun document: a small subset of Markdown (files/sources/*.md), so that
 * a form or the manual is edited as text and its PDF is made from it. Front matter between `---`
 * lines gives title, subject, lang and date; then blocks separated by blank lines:
 *   # H1, ## H2, ### H3, > note, - item, 1. item, | table | rows |, `? Label` or
 *   `? Label | template` (a form field: a label and a line to write on, or a printed template),
 *   and paragraphs. `[ ]` anywhere prints as a box to tick.
 */
export type Block =
  | { kind: 'h1' | 'h2' | 'h3' | 'p' | 'note'; text: string }
  | { kind: 'list'; items: { marker: string; text: string }[] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'field'; label: string; template?: string };

export interface DocumentMeta {
  title: string;
  subject: string;
  lang: string;
  /** The document's date: its PDF's creation date, so the same source gives the same bytes. */
  date: Date;
}

export interface DocumentSource {
  meta: DocumentMeta;
  blocks: Block[];
}

const BOX = '\u2610';

/** `[ ]` in the source is a tick box. */
export const withBoxes = (text: string): string => text.replace(/\[ \]/g, BOX);

function parseMeta(lines: string[], name: string): DocumentMeta {
  const fields = new Map<string, string>();
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const need = (key: string) => {
    const v = fields.get(key);
    if (!v) throw new Error(`${name}: front matter has no ${key}`);
    return v;
  };
  const date = new Date(`${need('date')}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`${name}: bad date`);
  return { title: need('title'), subject: need('subject'), lang: need('lang'), date };
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** A bullet, a number, a box to tick (`- [ ] text`) or a letter (`- (a) text`) as the item's label. */
function listItem(marker: string, text: string): { marker: string; text: string } {
  const own = /^(\[ \]|\([a-z]\)) (.*)$/.exec(text);
  if (marker === '-' && own) return { marker: withBoxes(own[1]!), text: own[2]! };
  return { marker: marker === '-' ? '\u2022' : marker, text };
}

export function parseSource(text: string, name: string): DocumentSource {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0] !== '---') throw new Error(`${name}: no front matter`);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new Error(`${name}: front matter not closed`);
  const meta = parseMeta(lines.slice(1, end), name);
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join(' ') });
    para = [];
  };
  const body = lines.slice(end + 1);
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!.trimEnd();
    const item = /^(-|\d+\.) (.*)$/.exec(line);
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (line.trim() === '') flush();
    else if (heading) {
      flush();
      const kinds = ['h1', 'h2', 'h3'] as const;
      blocks.push({ kind: kinds[heading[1]!.length - 1]!, text: heading[2]! });
    } else if (line.startsWith('> ')) {
      flush();
      blocks.push({ kind: 'note', text: line.slice(2) });
    } else if (line.startsWith('? ')) {
      flush();
      const [label, template] = line.slice(2).split(' | ');
      blocks.push({
        kind: 'field',
        label: label!.trim(),
        ...(template ? { template: template.trim() } : {}),
      });
    } else if (item) {
      flush();
      const last = blocks[blocks.length - 1];
      const entry = listItem(item[1]!, item[2]!);
      // Items on consecutive lines make one list.
      if (last?.kind === 'list' && body[i - 1]?.trim() !== '') last.items.push(entry);
      else blocks.push({ kind: 'list', items: [entry] });
    } else if (line.startsWith('|')) {
      flush();
      const header = cells(line);
      const rows: string[][] = [];
      while (body[i + 1]?.startsWith('|')) {
        i++;
        const row = cells(body[i]!);
        if (!row.every((c) => /^-+$/.test(c))) rows.push(row);
      }
      blocks.push({ kind: 'table', header, rows });
    } else para.push(line.trim());
  }
  flush();
  return { meta, blocks };
}
