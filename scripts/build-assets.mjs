// Builds the site's front-end assets into build/ (git-ignored), served as static files:
//   build/css/main.css      NHS.UK frontend compiled from Sass with our settings
//   build/js/               NHS.UK frontend's ES module (and its source map)
//   build/assets/           NHS.UK icons and web manifest referenced by the CSS and <head>
import { compile } from "sass";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build");
const nhsuk = join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = compile(join(root, "static", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "main.css"), css.css);

for (const name of ["nhsuk-frontend.min.js", "nhsuk-frontend.min.js.map"]) {
  cpSync(join(nhsuk, name), join(out, "js", name));
}
cpSync(join(nhsuk, "assets"), join(out, "assets"), { recursive: true });

console.log(`Built ${Math.round(css.css.length / 1024)} KB of CSS into build/`);
