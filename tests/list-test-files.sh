#!/bin/sh
# Node 20's test runner does not expand globs, so `npm test` lists the test files itself.
find schemas core infra offline nearline online bin tests -name '*.test.ts' -not -path '*/node_modules/*' 2>/dev/null | sort
