// What an image built from a Dockerfile promises its users: its stages, what each copies and runs, and what the final
// stage sets (user, ports, entrypoint, environment, volumes, health check). The tests hold these against the chart's
// contract and the projects the images build.
import { argumentsOf, flagValue, imageOf, jsonArguments } from './stages.mjs';

/** The instructions of one stage that build it, in order: COPY (with --from and --chown) and RUN. */
function steps(stage) {
  return stage.instructions.filter((i) => i.getKeyword() === 'COPY' || i.getKeyword() === 'RUN').map((i) => {
    if (i.getKeyword() === 'RUN') return { run: i.getArgumentsContent() ?? '' };
    const paths = jsonArguments(i) ?? argumentsOf(i);
    return { copy: { from: flagValue(i, 'from') ?? null, chown: flagValue(i, 'chown') ?? null, sources: paths.slice(0, -1), destination: paths.at(-1) } };
  });
}

/** A plain-data summary of a parsed Dockerfile. */
export function imageSummary({ stages }) {
  const last = stages[stages.length - 1];
  const of = (keyword) => last.instructions.filter((i) => i.getKeyword() === keyword);
  const lastOf = (keyword) => of(keyword).at(-1) ?? null;
  const entrypoint = lastOf('ENTRYPOINT');
  const cmd = lastOf('CMD');
  const user = lastOf('USER');
  const healthcheck = lastOf('HEALTHCHECK');
  const workdir = lastOf('WORKDIR');
  const finalSteps = steps(last);
  return {
    stages: stages.map((s) => ({ image: imageOf(s.from), alias: s.alias, platform: s.from.getPlatformFlag()?.getValue() ?? null, steps: steps(s) })),
    final: {
      image: imageOf(last.from),
      user: user === null ? null : argumentsOf(user)[0],
      workdir: workdir === null ? null : argumentsOf(workdir)[0],
      expose: of('EXPOSE').flatMap(argumentsOf),
      entrypoint: entrypoint === null ? null : jsonArguments(entrypoint) ?? argumentsOf(entrypoint),
      cmd: cmd === null ? null : jsonArguments(cmd) ?? argumentsOf(cmd),
      env: Object.fromEntries(of('ENV').flatMap((i) => i.getProperties()).map((p) => [p.getName(), p.getValue() ?? ''])),
      volumes: of('VOLUME').flatMap((i) => jsonArguments(i) ?? argumentsOf(i)),
      healthcheck: healthcheck === null ? null
        : { kind: (argumentsOf(healthcheck)[0] ?? '').toUpperCase(), text: healthcheck.getRawArgumentsContent() ?? '' },
      copies: finalSteps.filter((s) => s.copy !== undefined).map((s) => s.copy),
      runs: finalSteps.filter((s) => s.run !== undefined).map((s) => s.run),
    },
  };
}
