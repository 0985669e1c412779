import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Template = (locals: Record<string, unknown>) => string;
type Locals = Record<string, unknown>;

/**
 * The EJS engine for Express (issue 15): with `cache` (production) each view and partial is read
 * and compiled once, and an include is a map lookup: EJS's own include checks that the file
 * exists on every call (an existsSync per include, dozens a page) and copies every local into a
 * new object. Here an include's locals are a child object over the includer's (the prototype
 * chain ends in a null-prototype copy of the page's locals, made once per render, so nothing of
 * Object.prototype is visible inside the template's `with`, as EJS's own copy ensures).
 * Without `cache` (development) files are read and compiled on every render, so edits show at once.
 * Templates call `include('../partials/x', { more })` exactly as with EJS's own include.
 */
export function viewEngine(cache: boolean) {
  const compiled = new Map<string, Template>();
  const resolved = new Map<string, string>();

  const template = (file: string): Template => {
    let fn = cache ? compiled.get(file) : undefined;
    if (!fn) {
      const options: ejs.Options & { unsafePrototypeLocals: boolean } = {
        filename: file,
        // Line numbers in template errors while developing; leaner compiled code in production.
        compileDebug: !cache,
        // The locals are already a null-prototype object (below): EJS need not copy them again.
        unsafePrototypeLocals: true,
      };
      fn = ejs.compile(readFileSync(file, 'utf8'), options) as Template;
      if (cache) compiled.set(file, fn);
    }
    return fn;
  };

  const resolve = (from: string, name: string): string => {
    const key = `${from}\0${name}`;
    let file = resolved.get(key);
    if (!file) {
      file = path.resolve(path.dirname(from), path.extname(name) ? name : `${name}.ejs`);
      if (cache) resolved.set(key, file);
    }
    return file;
  };

  const render = (file: string, locals: Locals): string => {
    locals.include = (name: string, data?: Locals) => {
      const child = Object.create(locals) as Locals;
      if (data) Object.assign(child, data);
      return render(resolve(file, name), child);
    };
    return template(file)(locals);
  };

  return (file: string, options: object, callback: (err: unknown, html?: string) => void): void => {
    let html: string;
    try {
      html = render(file, Object.assign(Object.create(null) as Locals, options));
    } catch (err) {
      return callback(err);
    }
    callback(null, html);
  };
}
