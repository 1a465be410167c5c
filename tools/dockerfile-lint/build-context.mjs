// What a builder would see of a build context: its files, less what the .dockerignore leaves out. The ignore file is
// BuildKit's choice: `<Dockerfile>.dockerignore` beside the Dockerfile when there is one, else the context's own.
import fs from 'node:fs';
import path from 'node:path';
import ignore from '@balena/dockerignore';

const GLOB_CHARACTERS = /[*?[]/;

/** A build context: a folder and the ignore rules that apply to one Dockerfile built in it. */
export class BuildContext {
  /** dockerfilePath is null when no Dockerfile is involved (only the context's own ignore file applies). */
  constructor(root, dockerfilePath) {
    this.root = path.resolve(root);
    const beside = dockerfilePath === null ? null : `${dockerfilePath}.dockerignore`;
    this.ignoreFile = beside !== null && fs.existsSync(beside) ? beside : path.join(this.root, '.dockerignore');
    const patterns = fs.existsSync(this.ignoreFile) ? fs.readFileSync(this.ignoreFile, 'utf8').split(/\r?\n/) : [];
    this.rules = ignore().add(patterns);
    // The fixed start of each `!` pattern: a folder the rules exclude may still send what one of these lets back in.
    this.reincluded = patterns.map((p) => p.trim()).filter((p) => p.startsWith('!'))
      .map((p) => p.slice(1).replace(/^\/+/, '').split(GLOB_CHARACTERS)[0]);
  }

  /** Whether the ignore file leaves a context-relative path out. */
  excludes(relative) {
    return this.rules.ignores(relative);
  }

  /**
   * Checks one COPY/ADD source as written in the Dockerfile; returns a problem sentence, or null when the source
   * exists in the context and something of it reaches the builder.
   */
  problemWith(source) {
    if (source.includes('$')) {
      return `source ${source} uses a variable, so it cannot be checked against the context`;
    }
    const relative = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '') || '.';
    if (relative === '..' || relative.startsWith('../')) {
      return `source ${source} lies outside the build context`;
    }
    const matches = GLOB_CHARACTERS.test(relative) ? this.expand(relative) : [relative];
    const present = matches.filter((match) => fs.existsSync(path.join(this.root, match)));
    if (present.length === 0) {
      return `source ${source} does not exist in the build context`;
    }
    const sent = present.filter((match) => this.reachesBuilder(match));
    if (sent.length === 0) {
      return `source ${source} is excluded by ${path.relative(this.root, this.ignoreFile) || this.ignoreFile}`;
    }
    return null;
  }

  /** Whether a file, or any file under a folder, survives the ignore rules. */
  reachesBuilder(relative) {
    const full = path.join(this.root, relative);
    if (!fs.statSync(full).isDirectory()) {
      return relative === '.' || !this.excludes(relative);
    }
    if (relative !== '.' && this.excludes(relative) && !this.mayLetBackIn(relative)) {
      return false;
    }
    // Files first: one that is sent settles it before any big excluded folder (bin, obj) is walked.
    const entries = fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.isDirectory() - b.isDirectory());
    return entries.some((entry) => {
      const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
      return entry.isDirectory() ? this.reachesBuilder(child) : !this.excludes(child);
    });
  }

  /** Whether a `!` pattern may let something under an excluded folder back in (so the folder must be walked). */
  mayLetBackIn(folder) {
    return this.reincluded.some((start) => start === '' || start.startsWith(`${folder}/`) || `${folder}/`.startsWith(start));
  }

  /** The context paths a source with wildcards matches, segment by segment as Go's filepath.Match does. */
  expand(pattern) {
    let found = ['.'];
    for (const segment of pattern.split('/')) {
      const next = [];
      for (const base of found) {
        const folder = path.join(this.root, base);
        if (!GLOB_CHARACTERS.test(segment)) {
          next.push(base === '.' ? segment : `${base}/${segment}`);
          continue;
        }
        if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
          continue;
        }
        const matcher = segmentMatcher(segment);
        for (const name of fs.readdirSync(folder).sort()) {
          if (matcher.test(name)) {
            next.push(base === '.' ? name : `${base}/${name}`);
          }
        }
      }
      found = next;
    }
    return found;
  }
}

/** A regular expression for one path segment of a Go filepath.Match pattern (`*`, `?`, `[...]`, `\` escapes). */
function segmentMatcher(segment) {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      // Go's classes read as JavaScript's: ranges, and `^` to negate.
      source += `[${segment.slice(i + 1, end)}]`;
      i = end;
    } else if (c === '\\' && i + 1 < segment.length) {
      source += segment[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
