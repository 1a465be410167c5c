// The rules every Dockerfile of Genie must pass. Ids DLnnnn are hadolint's, and each such rule checks what that
// hadolint rule checks (hadolint itself is a Haskell binary, not installable here); ids GNnnn are Genie's own
// requirements of its images (multi-stage, a numeric non-root user, no secrets, a health check or a stated reason,
// every copied path present in the context).
import { argumentsOf, flagValue, imageOf, jsonArguments, lineOf } from './stages.mjs';
import { shellCommands, withoutPrefixes } from './shell-commands.mjs';

const ROOT_USERS = new Set(['root', '0']);
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const PINNED_PIP = /(===?|~=|@)/;
// Names that hold secrets, also as .NET configuration paths (Genie__Secrets__Key, Genie__Secrets__PreviousKeys__0).
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|KEYS?|CREDENTIALS?)(__\d+)?$/i;
// Values that are secrets whatever they are called: private keys, AWS access key ids, GitHub tokens, Genie API keys,
// and connection strings with a password in them.
const SECRET_VALUE = /(-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgenie_[A-Za-z0-9_-]{16,}|\b(Password|Pwd)=[^;\s]+)/i;
const BUILD_COMMANDS = [
  /^dotnet (restore|build|publish|pack)\b/, /^npm (ci|install|run)\b/, /^yarn\b/, /^go build\b/, /^mvn\b/,
  /^gradle\b/, /^cargo build\b/,
];
// Images that carry a compiler or SDK (mcr.microsoft.com/dotnet/sdk, golang, maven, gradle, rust).
const SDK_IMAGE = /(^|\/)(sdk|golang|maven|gradle|rust)(:|@|$)/;

const finding = (rule, instruction, message) => ({ rule, line: instruction === null ? 1 : lineOf(instruction), message });

/** RUN instructions of every stage, with their stage. */
function* runs(stages) {
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() === 'RUN') yield { stage, instruction };
    }
  }
}

/** The simple commands of a shell-form RUN (a JSON-form RUN is one command). */
function commandsOf(run) {
  const json = jsonArguments(run);
  return json !== null ? { commands: [json], pipes: false } : shellCommands(run.getArgumentsContent() ?? '');
}

/** Every apt-get install / pip install in the Dockerfile's RUNs: { instruction, words (after the verb), run }. */
function* installs(stages, isInstall) {
  for (const { instruction } of runs(stages)) {
    for (const command of commandsOf(instruction).commands) {
      const words = withoutPrefixes(command);
      const rest = isInstall(words);
      if (rest !== null) yield { instruction, words: rest };
    }
  }
}

const aptInstall = (words) =>
  (words[0] === 'apt-get' || words[0] === 'apt') && words.includes('install') ? words.slice(words.indexOf('install') + 1) : null;

function pipInstall(words) {
  const start = /^pip3?$/.test(words[0]) ? 1
    : /^python[0-9.]*$/.test(words[0]) && words[1] === '-m' && /^pip3?$/.test(words[2]) ? 3 : -1;
  return start >= 0 && words[start] === 'install' ? words.slice(start + 1) : null;
}

/** pip options that take a value as the next word. */
const PIP_VALUE_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target',
  '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--src', '--progress-bar']);

const finalStage = (stages) => stages[stages.length - 1];

/** The user named by the last USER of a stage, or null when it sets none. */
function lastUser(stage) {
  const users = stage.instructions.filter((i) => i.getKeyword() === 'USER');
  return users.length === 0 ? null : users[users.length - 1];
}

export const RULES = [
  {
    id: 'DL3000', mirrors: 'DL3000', summary: 'Use absolute WORKDIR',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'WORKDIR')
      .filter((i) => !/^(\/|\$|[A-Za-z]:)/.test(argumentsOf(i)[0] ?? ''))
      .map((i) => finding('DL3000', i, `WORKDIR ${argumentsOf(i)[0]} is relative`))),
  },
  {
    id: 'DL3002', mirrors: 'DL3002', summary: 'Last USER should not be root',
    check: ({ stages }) => {
      const user = stages.length === 0 ? null : lastUser(finalStage(stages));
      return user !== null && ROOT_USERS.has((argumentsOf(user)[0] ?? '').split(':')[0])
        ? [finding('DL3002', user, 'the final stage runs as root')] : [];
    },
  },
  {
    id: 'DL3003', mirrors: 'DL3003', summary: 'Use WORKDIR to switch to a directory',
    check: ({ stages }) => [...runs(stages)].filter(({ instruction }) =>
      commandsOf(instruction).commands.some((c) => withoutPrefixes(c)[0] === 'cd'))
      .map(({ instruction }) => finding('DL3003', instruction, 'RUN changes directory with cd; use WORKDIR')),
  },
  {
    id: 'DL3004', mirrors: 'DL3004', summary: 'Do not use sudo',
    check: ({ stages }) => [...runs(stages)].filter(({ instruction }) =>
      commandsOf(instruction).commands.some((c) => c[0] === 'sudo'))
      .map(({ instruction }) => finding('DL3004', instruction, 'RUN uses sudo')),
  },
  {
    id: 'DL3006', mirrors: 'DL3006', summary: 'Always tag the version of an image explicitly',
    check: ({ stages }) => stages.filter((s, index) => {
      const image = imageOf(s.from);
      const earlierAlias = stages.slice(0, index).some((e) => e.alias !== null && e.alias === image);
      return image !== 'scratch' && !earlierAlias && !image.startsWith('$')
        && s.from.getImageTag() === null && s.from.getImageDigest() === null;
    }).map((s) => finding('DL3006', s.from, `image ${imageOf(s.from)} has no tag`)),
  },
  {
    id: 'DL3007', mirrors: 'DL3007', summary: 'Using latest is prone to errors; pin a version',
    check: ({ stages }) => stages.filter((s) => s.from.getImageTag() === 'latest' && s.from.getImageDigest() === null)
      .map((s) => finding('DL3007', s.from, `image ${imageOf(s.from)} uses the latest tag`)),
  },
  {
    id: 'DL3008', mirrors: 'DL3008', summary: 'Pin versions in apt-get install',
    check: ({ stages }) => [...installs(stages, aptInstall)]
      .filter(({ words }) => words.some((w) => !w.startsWith('-') && !w.includes('=')))
      .map(({ instruction, words }) => finding('DL3008', instruction,
        `apt-get install without a version: ${words.filter((w) => !w.startsWith('-') && !w.includes('=')).join(' ')}`)),
  },
  {
    id: 'DL3009', mirrors: 'DL3009', summary: 'Delete the apt-get lists after installing something',
    check: ({ stages }) => [...runs(stages)].filter(({ instruction }) => {
      const commands = commandsOf(instruction).commands.map(withoutPrefixes);
      const cached = (flagValue(instruction, 'mount') ?? '').includes('/var/lib/apt');
      return !cached && commands.some((c) => aptInstall(c) !== null)
        && !commands.some((c) => c[0] === 'rm' && c.some((w) => w.startsWith('/var/lib/apt/lists')));
    }).map(({ instruction }) => finding('DL3009', instruction, 'apt-get install leaves /var/lib/apt/lists behind')),
  },
  {
    id: 'DL3013', mirrors: 'DL3013', summary: 'Pin versions in pip (a package version, or a requirements or constraints file)',
    check: ({ stages }) => [...installs(stages, pipInstall)].flatMap(({ instruction, words }) => {
      if (words.some((w) => /^(-r|--requirement|-c|--constraint)(=|$)/.test(w))) return [];
      const packages = [];
      for (let i = 0; i < words.length; i++) {
        if (PIP_VALUE_OPTIONS.has(words[i])) i++;
        else if (!words[i].startsWith('-')) packages.push(words[i]);
      }
      const loose = packages.filter((p) => !PINNED_PIP.test(p) && !p.startsWith('.') && !p.startsWith('/') && !/\.(whl|tar\.gz|zip)$/.test(p));
      return loose.length === 0 ? [] : [finding('DL3013', instruction, `pip install without a version: ${loose.join(' ')}`)];
    }),
  },
  {
    id: 'DL3015', mirrors: 'DL3015', summary: 'Avoid additional packages by specifying --no-install-recommends',
    check: ({ stages }) => [...installs(stages, aptInstall)]
      .filter(({ words }) => !words.includes('--no-install-recommends'))
      .map(({ instruction }) => finding('DL3015', instruction, 'apt-get install without --no-install-recommends')),
  },
  {
    id: 'DL3020', mirrors: 'DL3020', summary: 'Use COPY instead of ADD for files and folders',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'ADD')
      .filter((i) => argumentsOf(i).slice(0, -1).some((src) => !URL.test(src) && !ARCHIVE.test(src)))
      .map((i) => finding('DL3020', i, 'ADD of a local file or folder; use COPY'))),
  },
  {
    id: 'DL3021', mirrors: 'DL3021', summary: 'COPY with more than 2 arguments requires the last argument to end with /',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'COPY')
      .filter((i) => copyPaths(i).length > 2 && !copyPaths(i).at(-1).endsWith('/'))
      .map((i) => finding('DL3021', i, 'COPY of several sources to a destination that does not end with /'))),
  },
  {
    id: 'DL3022', mirrors: 'DL3022', summary: 'COPY --from should reference a previously defined FROM alias',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'COPY')
      .filter((i) => {
        const from = flagValue(i, 'from');
        if (from === undefined || from === null || from.includes('/') || from.includes(':')) return false;
        const earlier = stages.slice(0, s.index);
        return /^\d+$/.test(from) ? Number(from) >= s.index : !earlier.some((e) => e.alias === from);
      })
      .map((i) => finding('DL3022', i, `COPY --from=${flagValue(i, 'from')} names no earlier stage`))),
  },
  {
    id: 'DL3023', mirrors: 'DL3023', summary: 'COPY --from cannot reference its own FROM alias',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'COPY')
      .filter((i) => s.alias !== null && flagValue(i, 'from') === s.alias)
      .map((i) => finding('DL3023', i, `COPY --from=${s.alias} inside stage ${s.alias}`))),
  },
  {
    id: 'DL3024', mirrors: 'DL3024', summary: 'FROM aliases (stage names) should be unique',
    check: ({ stages }) => stages.filter((s, index) => s.alias !== null && stages.slice(0, index).some((e) => e.alias === s.alias))
      .map((s) => finding('DL3024', s.from, `stage name ${s.alias} is used twice`)),
  },
  {
    id: 'DL3025', mirrors: 'DL3025', summary: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments',
    check: ({ stages }) => stages.flatMap((s) => s.instructions
      .filter((i) => (i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT') && jsonArguments(i) === null)
      .map((i) => finding('DL3025', i, `${i.getKeyword()} in shell form`))),
  },
  {
    id: 'DL3029', mirrors: 'DL3029', summary: 'Do not use --platform with FROM (unless it is a build argument such as $BUILDPLATFORM)',
    check: ({ stages }) => stages.filter((s) => {
      const platform = s.from.getPlatformFlag()?.getValue();
      return platform !== undefined && platform !== null && !platform.startsWith('$');
    }).map((s) => finding('DL3029', s.from, `FROM --platform=${s.from.getPlatformFlag().getValue()} fixes the platform`)),
  },
  {
    id: 'DL3042', mirrors: 'DL3042', summary: 'Avoid use of cache directory with pip: pip install --no-cache-dir',
    check: ({ stages }) => [...installs(stages, pipInstall)]
      .filter(({ instruction, words }) => !words.includes('--no-cache-dir') && !(flagValue(instruction, 'mount') ?? '').includes('type=cache'))
      .map(({ instruction }) => finding('DL3042', instruction, 'pip install keeps its cache in the image')),
  },
  {
    id: 'DL3045', mirrors: 'DL3045', summary: 'COPY to a relative destination without WORKDIR set',
    check: ({ stages }) => stages.flatMap((s) => {
      const found = [];
      let workdir = false;
      for (const i of s.instructions) {
        if (i.getKeyword() === 'WORKDIR') workdir = true;
        if (i.getKeyword() === 'COPY' && !workdir && !/^(\/|\$|[A-Za-z]:)/.test(copyPaths(i).at(-1) ?? '/')) {
          found.push(finding('DL3045', i, `COPY to ${copyPaths(i).at(-1)} before any WORKDIR`));
        }
      }
      return found;
    }),
  },
  {
    id: 'DL3059', mirrors: 'DL3059', summary: 'Multiple consecutive RUN instructions; consider consolidation',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i, index) => {
      const previous = s.instructions[index - 1];
      return i.getKeyword() === 'RUN' && previous?.getKeyword() === 'RUN'
        && flagValue(i, 'mount') === flagValue(previous, 'mount');
    }).map((i) => finding('DL3059', i, 'RUN right after another RUN'))),
  },
  {
    id: 'DL3011', mirrors: 'DL3011', summary: 'Valid UNIX ports range from 0 to 65535',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'EXPOSE')
      .flatMap((i) => argumentsOf(i).filter((p) => /^\d+/.test(p) && Number(p.split(/[/-]/)[0]) > 65535)
        .map((p) => finding('DL3011', i, `port ${p} is out of range`)))),
  },
  {
    id: 'DL4000', mirrors: 'DL4000', summary: 'MAINTAINER is deprecated',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'MAINTAINER')
      .map((i) => finding('DL4000', i, 'MAINTAINER; use a LABEL'))),
  },
  {
    id: 'DL4003', mirrors: 'DL4003', summary: 'Multiple CMD instructions found',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'CMD').slice(1)
      .map((i) => finding('DL4003', i, 'a second CMD in one stage'))),
  },
  {
    id: 'DL4004', mirrors: 'DL4004', summary: 'Multiple ENTRYPOINT instructions found',
    check: ({ stages }) => stages.flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'ENTRYPOINT').slice(1)
      .map((i) => finding('DL4004', i, 'a second ENTRYPOINT in one stage'))),
  },
  {
    id: 'DL4006', mirrors: 'DL4006', summary: 'Set the SHELL option -o pipefail before RUN with a pipe in it',
    check: ({ stages }) => stages.flatMap((s) => {
      const found = [];
      let pipefail = false;
      for (const i of s.instructions) {
        if (i.getKeyword() === 'SHELL') pipefail = (jsonArguments(i) ?? []).join(' ').includes('pipefail');
        if (i.getKeyword() === 'RUN' && jsonArguments(i) === null) {
          const { commands, pipes } = commandsOf(i);
          const setsItself = commands.some((c) => c[0] === 'set' && c.join(' ').includes('pipefail'));
          if (pipes && !pipefail && !setsItself) found.push(finding('DL4006', i, 'RUN pipes without pipefail'));
        }
      }
      return found;
    }),
  },
  {
    id: 'GN001', mirrors: null, summary: 'Multi-stage: build in an earlier stage; the final stage has no SDK and builds nothing',
    check: ({ stages }) => {
      if (stages.length === 0) return [];
      const last = finalStage(stages);
      const found = SDK_IMAGE.test(imageOf(last.from))
        ? [finding('GN001', last.from, `the final stage is based on the build image ${imageOf(last.from)}`)] : [];
      for (const i of last.instructions.filter((x) => x.getKeyword() === 'RUN')) {
        const built = commandsOf(i).commands.map((c) => withoutPrefixes(c).join(' ')).find((c) => BUILD_COMMANDS.some((b) => b.test(c)));
        if (built !== undefined) found.push(finding('GN001', i, `the final stage builds (${built.split(' ').slice(0, 2).join(' ')})`));
      }
      return found;
    },
  },
  {
    id: 'GN002', mirrors: null, summary: 'The final stage sets USER to a numeric uid (optionally :gid) other than 0',
    check: ({ stages }) => {
      if (stages.length === 0) return [];
      const user = lastUser(finalStage(stages));
      if (user === null) return [finding('GN002', finalStage(stages).from, 'the final stage sets no USER')];
      const value = argumentsOf(user)[0] ?? '';
      return /^[1-9]\d*(:\d+)?$/.test(value) ? [] : [finding('GN002', user, `USER ${value} is not a numeric non-root uid`)];
    },
  },
  {
    id: 'GN003', mirrors: null, summary: 'No secrets in ENV or ARG (by name with a value, any ARG so named, or by value)',
    check: ({ stages, dockerfile }) => {
      const found = [];
      const declarations = [...dockerfile.getInitialARGs(), ...stages.flatMap((s) => s.instructions)]
        .filter((i) => i.getKeyword() === 'ENV' || i.getKeyword() === 'ARG');
      for (const i of declarations) {
        const properties = i.getKeyword() === 'ENV' ? i.getProperties() : [i.getProperty()].filter((p) => p !== null);
        for (const p of properties) {
          const value = p.getValue() ?? '';
          if (SECRET_VALUE.test(value)) {
            found.push(finding('GN003', i, `${i.getKeyword()} ${p.getName()} holds a secret`));
          } else if (SECRET_NAME.test(p.getName()) && (i.getKeyword() === 'ARG' || value !== '')) {
            found.push(finding('GN003', i, `${i.getKeyword()} ${p.getName()} looks like a secret; use a build secret or the runtime environment`));
          }
        }
      }
      return found;
    },
  },
  {
    id: 'GN004', mirrors: null, summary: 'The final stage has a HEALTHCHECK, or HEALTHCHECK NONE under a comment giving the reason',
    check: ({ stages, comments }) => {
      if (stages.length === 0) return [];
      const checks = finalStage(stages).instructions.filter((i) => i.getKeyword() === 'HEALTHCHECK');
      if (checks.length === 0) return [finding('GN004', finalStage(stages).from, 'the final stage has no HEALTHCHECK')];
      const last = checks[checks.length - 1];
      const none = (argumentsOf(last)[0] ?? '').toUpperCase() === 'NONE';
      const reasoned = comments.some((c) => c.getRange().start.line === last.getRange().start.line - 1 && c.getContent().trim() !== '');
      return none && !reasoned ? [finding('GN004', last, 'HEALTHCHECK NONE without a comment above it saying why')] : [];
    },
  },
  {
    id: 'GN005', mirrors: null, summary: 'Every COPY/ADD source from the build context exists and is not excluded by .dockerignore',
    check: ({ stages, context }) => stages.flatMap((s) => s.instructions
      .filter((i) => (i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD') && flagValue(i, 'from') === undefined)
      .filter((i) => !(i.getRawArgumentsContent() ?? '').trimStart().startsWith('<<'))
      .flatMap((i) => copyPaths(i).slice(0, -1).filter((src) => !URL.test(src))
        .map((src) => context.problemWith(src)).filter((problem) => problem !== null)
        .map((problem) => finding('GN005', i, problem)))),
  },
];

/** A COPY/ADD's sources and destination, JSON form decoded. */
function copyPaths(instruction) {
  return jsonArguments(instruction) ?? argumentsOf(instruction);
}
