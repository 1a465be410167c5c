// A Dockerfile as dockerfile-ast parses it, cut into its build stages, with the helpers the rules share.
import { DockerfileParser } from 'dockerfile-ast';

/** Parses Dockerfile text into { dockerfile, stages, comments }; each stage is { index, from, alias, instructions }. */
export function parseStages(text) {
  const dockerfile = DockerfileParser.parse(text);
  const stages = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      stages.push({ index: stages.length, from: instruction, alias: instruction.getBuildStage(), instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { dockerfile, stages, comments: dockerfile.getComments() };
}

/** The 1-based line an instruction starts on. */
export function lineOf(instruction) {
  return instruction.getRange().start.line + 1;
}

/** The instruction's arguments as plain strings (shell form split on whitespace, JSON form not decoded). */
export function argumentsOf(instruction) {
  return instruction.getArguments().map((argument) => argument.getValue());
}

/** The value of a flag such as `--from=build`, or undefined when the instruction has no such flag. */
export function flagValue(instruction, name) {
  const flag = (instruction.getFlags?.() ?? []).find((candidate) => candidate.getName() === name);
  return flag === undefined ? undefined : flag.getValue();
}

/** A JSON-form instruction's strings (CMD ["a", "b"]), or null when it is written in shell form. */
export function jsonArguments(instruction) {
  if (typeof instruction.getOpeningBracket !== 'function' || instruction.getOpeningBracket() === null) {
    return null;
  }
  return instruction.getJSONStrings().map((argument) => argument.getJSONValue());
}

/** The full image reference of a FROM, as written (registry, name, tag or digest). */
export function imageOf(from) {
  return from.getImage() ?? '';
}
