import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The fonts of the portal's PDFs. DejaVu Sans (dejavu-fonts-ttf) covers Latin, Greek, Cyrillic and
 * the symbols the forms use, but no Chinese; Noto Sans Hans (the Simplified Chinese Noto Sans CJK
 * cut down to GB2312, from @embedpdf/fonts-sc) prints Chinese names. pdfkit cannot fall back per
 * glyph, so the text is cut into runs by script and each run gets its font.
 */
const require = createRequire(import.meta.url);

// The package exports no font path: the .otf files sit in fonts/ beside its dist/.
const CJK_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts');

/**
 * A font parsed once by fontkit (pdfkit's own font engine), which pdfkit accepts in place of the
 * file: parsing an 8 MB CJK font for every document would cost more than drawing the document.
 * The object is only read while a document is drawn (synchronously), so documents can share it.
 */
export type ParsedFont = object;
const fontkit = require('fontkit') as { create(data: Uint8Array): ParsedFont };

// Parsed once per process (about 60 ms of CPU a document when pdfkit parsed the file for each one,
// measured with bench/pdf-draw.ts); pdfkit subsets the shared font into each document.
export const LATIN_REGULAR = fontkit.create(
  readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
);
export const LATIN_BOLD = fontkit.create(
  readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
);
let cjk: { regular: ParsedFont; bold: ParsedFont } | undefined;

/** The Chinese fonts (8 MB each), read and parsed on the first document that needs them. */
export function cjkFonts(): { regular: ParsedFont; bold: ParsedFont } {
  cjk ??= {
    regular: fontkit.create(readFileSync(path.join(CJK_DIR, 'NotoSansHans-Regular.otf'))),
    bold: fontkit.create(readFileSync(path.join(CJK_DIR, 'NotoSansHans-Bold.otf'))),
  };
  return cjk;
}

/** Han ideographs, CJK punctuation, kana and full-width forms: what DejaVu Sans lacks. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

export interface ScriptRun {
  text: string;
  cjk: boolean;
}

/** Cuts text into runs of CJK and other characters; spaces stay with the run they follow. */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const ch of text) {
    const last = runs[runs.length - 1];
    const isCjk = CJK.test(ch);
    if (last && (last.cjk === isCjk || /\s/.test(ch))) last.text += ch;
    else runs.push({ text: ch, cjk: isCjk });
  }
  return runs;
}

export const hasCjk = (text: string): boolean => CJK.test(text);
