#!/usr/bin/env node
// The `ovh-migrate-proxy` command of the npm package. Written for any Node, however old: it only
// checks the version, so that a too-old Node says so in one sentence instead of failing with a
// stack trace on `node:sqlite` (built in, without a flag, since Node 22.13), then loads the proxy.
'use strict';

var NEEDED = [22, 13];
var version = process.versions.node;
var parts = version.split('.').map(Number);
if (parts[0] < NEEDED[0] || (parts[0] === NEEDED[0] && parts[1] < NEEDED[1])) {
  process.stderr.write(
    'ovh-migrate-proxy needs Node.js ' +
      NEEDED.join('.') +
      ' or later (Node.js 24 is best), and ' +
      'this is Node.js ' +
      version +
      ': install a newer Node.js, or download the single-file ' +
      'ovh-migrate-proxy executable, which needs no Node.js at all.\n',
  );
  process.exit(1);
}

// Node 22 calls node:sqlite experimental: that warning must not be the first line a person reads.
var emitWarning = process.emitWarning;
process.emitWarning = (warning, type, code, ctor) => {
  var name = type && typeof type === 'object' ? type.type : type;
  if (name === 'ExperimentalWarning' && /SQLite/.test(String(warning))) return;
  return emitWarning.call(process, warning, type, code, ctor);
};

// Behind Function: a Node too old to parse import() still reaches the sentence above.
var cli = require('node:url').pathToFileURL(
  require('node:path').join(__dirname, '../dist/cli.mjs'),
);
new Function('url', 'return import(url)')(cli.href);
