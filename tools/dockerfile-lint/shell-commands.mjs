// The simple commands of a RUN written in shell form, enough for the rules that look at what a RUN calls
// (apt-get, pip, cd, sudo) and whether it pipes. Quotes group words; no expansion is done.

/**
 * Splits shell text into { commands, pipes }: commands is a list of word lists, one per simple command between the
 * operators && || ; | & and newlines; pipes tells whether a `|` joins two commands.
 */
export function shellCommands(text) {
  const commands = [];
  let words = [];
  let word = null;
  let quote = null;
  let pipes = false;
  const endWord = () => {
    if (word !== null) {
      words.push(word);
      word = null;
    }
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) {
      commands.push(words);
    }
    words = [];
  };
  const source = text.replace(/\\\r?\n/g, ' ');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote !== null) {
      if (c === quote) {
        quote = null;
      } else if (c === '\\' && quote === '"' && i + 1 < source.length) {
        word += source[++i];
      } else {
        word += c;
      }
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word = word ?? '';
    } else if (c === '\\' && i + 1 < source.length) {
      word = (word ?? '') + source[++i];
    } else if (c === '#' && word === null) {
      // A comment runs to the end of the line.
      while (i + 1 < source.length && source[i + 1] !== '\n') i++;
    } else if (c === '|' || c === '&' || c === ';' || c === '\n') {
      if (c === '|' && source[i + 1] !== '|' && source[i - 1] !== '|') {
        pipes = true;
      }
      endCommand();
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand();
  return { commands, pipes };
}

/** The words after a leading `sudo` or `env`, so `sudo apt-get install x` reads as `apt-get install x`. */
export function withoutPrefixes(words) {
  let start = 0;
  while (start < words.length && (words[start] === 'sudo' || words[start] === 'env' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start]))) {
    start++;
  }
  return words.slice(start);
}
