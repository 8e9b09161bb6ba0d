// Parses Terraform files with HashiCorp's HCL parser (compiled to WebAssembly in @cdktf/hcl2json).
// Arguments: the files. Writes a JSON object {file: parsed body} on stdout; a syntax error exits 1
// with the parser's message.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";

const { parse } = createRequire(import.meta.url)("@cdktf/hcl2json");
const parsed = {};
for (const file of process.argv.slice(2)) {
  try {
    parsed[basename(file)] = await parse(basename(file), readFileSync(file, "utf8"));
  } catch (e) {
    process.stderr.write(`${file}: ${e.message ?? e}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(parsed));
