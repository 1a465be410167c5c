// Parses Flink SQL scripts with dt-sql-parser's FlinkSQL grammar and names every error by file, line and column.
// Exit status: 0 when every statement of every file parses, 1 when any does not, 2 when called wrongly (no file, an
// unreadable or empty one), so a missing or empty input never counts as a pass.
import { readFileSync } from 'node:fs';
import { FlinkSQL } from 'dt-sql-parser';

const files = process.argv.slice(2);
if (files.length === 0) {
    console.error('usage: check-flink-sql FILE.sql...');
    process.exit(2);
}

const flink = new FlinkSQL();
let failed = false;
for (const file of files) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        console.error(`${file}: cannot read: ${error.message}`);
        process.exit(2);
    }
    const errors = flink.validate(text);
    for (const error of errors) {
        console.log(`${file}:${error.startLine}:${error.startColumn}: ${error.message}`);
    }
    const statements = flink.splitSQLByStatement(text) ?? [];
    if (errors.length === 0 && statements.length === 0) {
        console.error(`${file}: no statement found`);
        process.exit(2);
    }
    failed ||= errors.length > 0;
    console.log(`${file}: ${statements.length} statements, ${errors.length} errors`);
}
process.exit(failed ? 1 : 0);
