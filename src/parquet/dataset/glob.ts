// Glob patterns over '/'-separated paths: `*` (any run of characters within one path segment), `?` (one character
// other than '/'), `**` as a whole segment (zero or more directories), `[abc]` / `[!abc]` character classes.
// Node 20 has no fs.glob, and the packages that do this are not runtime dependencies of tessera.

/** True when `text` contains glob syntax. */
export function hasGlobSyntax(text: string): boolean {
  return /[*?[]/.test(text);
}

/** The leading segments of `pattern` without glob syntax (the directory to walk) and the rest (the pattern). */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  const first = segments.findIndex(hasGlobSyntax);
  if (first < 0) return { base: pattern, rest: '' };
  return {
    base: segments.slice(0, first).join('/') || (pattern.startsWith('/') ? '/' : '.'),
    rest: segments.slice(first).join('/'),
  };
}

/** A matcher of relative '/'-separated paths against `pattern`. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const segments = pattern.split('/').filter((s) => s !== '');
  let source = '^';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      source += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    source += segmentSource(segment) + (last ? '' : '/');
  });
  const regex = new RegExp(`${source}$`);
  return (path) => regex.test(path);
}

function segmentSource(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, end);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}
