"""Command line: ``termbook check`` for contributors and CI.

Exit codes follow check-jsonschema: 0 the data is fine, 1 the data is bad, 2 the command was
used wrongly. Findings go to standard output, one per line (``path:line: field: message``),
or as JSON with ``--format json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .findings import ERROR
from .load import check

EXIT_OK, EXIT_BAD_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit code is 2 as well; keep one place
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="termbook", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check_cmd = commands.add_parser(
        "check", help="check glossary entries and article summaries",
        description="Check every entry (or only the files named) and report every problem.")
    check_cmd.add_argument("files", nargs="*", type=Path,
                           help="report only on these files (the whole glossary is still read, "
                                "to check references)")
    check_cmd.add_argument("--glossary", type=Path, default=Path("glossary"),
                           help="folder of term entries (default: glossary)")
    check_cmd.add_argument("--seeds", type=Path, default=Path("seeds"),
                           help="folder of article summaries (default: seeds)")
    check_cmd.add_argument("--format", choices=["text", "json"], default="text",
                           help="text: one line per problem; json: the same, for tools")
    return parser


def run_check(args: argparse.Namespace) -> int:
    if not args.glossary.is_dir():
        print(f"termbook: error: no glossary folder at '{args.glossary}'", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in args.files if not p.is_file()]
    if missing:
        print(f"termbook: error: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return EXIT_USAGE
    _, findings = check(args.glossary, args.seeds if args.seeds.is_dir() else None,
                        only=args.files or None)
    errors = sum(f.severity == ERROR for f in findings)
    if args.format == "json":
        json.dump({"errors": errors, "findings": [f.as_dict() for f in findings]},
                  sys.stdout, indent=2)
        print()
    else:
        for finding in findings:
            print(finding if finding.severity == ERROR else f"{finding} [{finding.severity}]")
        files = len({f.path for f in findings if f.severity == ERROR})
        print(f"{errors} problem(s) in {files} file(s)" if errors else "ok: no problems found",
              file=sys.stderr)
    return EXIT_BAD_DATA if errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return {"check": run_check}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
