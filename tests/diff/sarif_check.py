#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tests/diff/sarif_check.py - is a file a valid SARIF 2.1.0 log?

    sarif_check.py FILE [RESULTS]

Validates FILE against the SARIF 2.1.0 JSON schema with Debian's
python3-jsonschema and, given RESULTS, checks that the one run holds that
many results, each with a ruleId naming one of the run's rules. Exit 0 when
all holds, 1 with the reasons on stderr.

The schema, sarif-2.1.0-rtm.5.json beside this file, is the published
2.1.0 schema (OASIS SARIF TC; schemastore's copy, its "id" inside), taken
unchanged from the npm package @microsoft/jest-sarif@1.0.0-beta.0 (MIT),
file lib/schemas/sarif-2.1.0-rtm.5.json, sha256
2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8.
It is kept here so that the test needs no network.
"""
import json
import os
import sys

import jsonschema

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sarif-2.1.0-rtm.5.json")


def main():
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[1], encoding="utf-8") as f:
        log = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors:
        print("%s: %s: %s" % (sys.argv[1], "/".join(map(str, e.path)), e.message),
              file=sys.stderr)
    if errors:
        return 1
    if len(sys.argv) > 2:
        runs = log["runs"]
        results = runs[0].get("results", []) if len(runs) == 1 else None
        if results is None or len(results) != int(sys.argv[2]):
            print("%s: expected one run with %s results" % (sys.argv[1], sys.argv[2]),
                  file=sys.stderr)
            return 1
        ids = [r["id"] for r in runs[0]["tool"]["driver"].get("rules", [])]
        for r in results:
            if r["ruleId"] not in ids or ids[r["ruleIndex"]] != r["ruleId"]:
                print("%s: result %r names no rule of the run" % (sys.argv[1], r["ruleId"]),
                      file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
