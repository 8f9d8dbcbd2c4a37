"""Command line: ``termbook init`` to start a site, ``termbook check`` for contributors and CI,
``termbook new`` to start an entry, ``termbook schema`` to write the entry schemas of the
site's taxonomy, ``termbook generate`` to write the site's Markdown for another site
generator, ``termbook import`` to bring an existing glossary in, and ``termbook zensical
build`` / ``serve`` to build the site with Zensical.

Exit codes follow check-jsonschema: 0 the data is fine, 1 the data is bad, 2 the command was
used wrongly. Findings go to standard output, one per line (``path:line: field: message``),
or as JSON with ``--format json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from .characters import printable
from .findings import ERROR, Finding, did_you_mean, errors_in
from .layout import site_path, term_path
from .pipeline import Project, check_in_process, collector_paused
from .read import display_path, read_taxonomy
from .readcache import ReadCache
from .scaffold import BadRequest, new_entry, write_schemas
from .siteconfig import MKDOCS_CONFIG, SiteConfigError, theme_language_at
from .taxonomy import CONFIG_FILE, SCHEMA_DIR, Taxonomy, fill

EXIT_OK, EXIT_BAD_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    # argparse's own exit code is 2 as well; keep one place
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # The message can repeat an argument ("unrecognized arguments: ..."): escaped.
        self.exit(EXIT_USAGE, f"{self.prog}: error: {printable(message)}\n")


def _error(message: str) -> None:
    """Say on standard error what went wrong; the paths and names in it are the user's, so
    characters that would act on the terminal are escaped."""
    print(f"termbook: error: {printable(message)}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="termbook", description="Glossary sites from one YAML file per term: start a "
                     "site, add and check entries, build it with MkDocs or Zensical.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check_cmd = commands.add_parser(
        "check", help="check glossary entries and article summaries",
        description="Check every entry (or only the files named) and report every problem.")
    check_cmd.add_argument("files", nargs="*", type=Path,
                           help="report only on these files (the whole glossary is still read, "
                                "to check references)")
    check_cmd.add_argument("--glossary", type=Path, default=Path("glossary"),
                           help="folder of term entries (default: glossary)")
    check_cmd.add_argument("--seeds", type=Path,
                           help="folder of article summaries (default: the 'articles' folder "
                                "termbook.yml names)")
    check_cmd.add_argument("--docs", type=Path,
                           help="folder of hand-written Markdown pages whose [[id]] links are "
                                "checked too (default: docs, if there is one)")
    check_cmd.add_argument("--format", choices=["text", "json"], default="text",
                           help="text: one line per problem; json: the same, for tools")
    shown = check_cmd.add_mutually_exclusive_group()
    shown.add_argument("--quiet", action="store_true",
                       help="print the errors only, without information lines or their summary")
    shown.add_argument("--list-info", action="store_true",
                       help="print every information line (such as a term no page mentions), "
                            "not one summary line for each kind")
    check_cmd.add_argument("--no-cache", dest="cache", action="store_false",
                           help="parse every entry again, not only those changed since the last "
                                "check (the cache is in ~/.cache/termbook, or $TERMBOOK_CACHE_DIR)")
    _add_config_option(check_cmd)
    new_cmd = commands.add_parser(
        "new", help="start a glossary entry from a term's name",
        description="Write glossary/<id>.yaml for a new term: every field, each under a comment "
                    "saying what goes there. Never overwrites an entry, and refuses a name, "
                    "alias or abbreviation that already leads to another entry.")
    new_cmd.add_argument("name", help='the term as readers write it, e.g. '
                                      '"Retrieval-augmented generation"')
    new_cmd.add_argument("--abbreviation", metavar="ABBR", help="its usual abbreviation, e.g. RAG")
    new_cmd.add_argument("--alias", action="append", default=[], dest="aliases", metavar="NAME",
                         help="another name readers use (repeat for more)")
    new_cmd.add_argument("--category", action="append", default=[], dest="categories",
                         metavar="CATEGORY",
                         help="where the term is grouped: one of the categories termbook.yml "
                              "declares (repeat it for more; a category the scorecard rates "
                              "also adds its block)")
    new_cmd.add_argument("--id", dest="entry_id", metavar="ID",
                         help="the id and file name, when the one made from the name will not do")
    new_cmd.add_argument("--glossary", type=Path, default=Path("glossary"),
                         help="folder of term entries (default: glossary)")
    _add_config_option(new_cmd)
    schema_cmd = commands.add_parser(
        "schema", help="write the entry schemas of the site's taxonomy",
        description="Write term.schema.json (and seed.schema.json when the site has articles) "
                    "for the categories, scorecard and stances termbook.yml declares, for "
                    "editors to complete and check entries with.")
    schema_cmd.add_argument("--out", type=Path, default=Path(SCHEMA_DIR),
                            help=f"folder to write them into (default: {SCHEMA_DIR})")
    _add_config_option(schema_cmd)
    generate_cmd = commands.add_parser(
        "generate", help="write every page, asset and data file into a folder",
        description="Write the hand-written pages and every generated page, asset and data file "
                    "into a folder, ready for a Markdown site generator (zensical.yml builds "
                    "it). Only files whose bytes changed are rewritten; files no longer made "
                    "are removed.")
    generate_cmd.add_argument("--out", type=Path, required=True, metavar="DIR",
                              help="the folder to write (created if missing)")
    generate_cmd.add_argument("-f", "--config-file", type=Path, default=Path(MKDOCS_CONFIG),
                              help="the site configuration to read (default: mkdocs.yml)")
    generate_cmd.add_argument("--watch", action="store_true",
                              help="keep running, and generate again on every change to the "
                                   "glossary, the articles, docs/ or termbook.yml")
    generate_cmd.add_argument("--quiet", action="store_true",
                              help="print only the summary of each run, not every file")
    _add_import_command(commands)
    init_cmd = commands.add_parser(
        "init", help="start a new site",
        description="Write a new site that builds at once with MkDocs and with Zensical: "
                    "mkdocs.yml, zensical.yml, a commented termbook.yml, glossary/ with one "
                    "entry, docs/index.md, schemas/, a .gitignore and a workflow that publishes "
                    "the site on GitHub Pages. Refuses a folder that holds anything but a .git.")
    init_cmd.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR",
                          help="where to write it (created if missing; default: here)")
    init_cmd.add_argument("--name", help="the site's name (default: made from the folder's)")
    zensical_cmd = commands.add_parser(
        "zensical", help="build or preview the site with Zensical",
        description="Write every page termbook generates into the folder zensical.yml names "
                    "(its docs_dir), then build or serve it with Zensical.")
    zensical_commands = zensical_cmd.add_subparsers(dest="action", required=True,
                                                    parser_class=_Parser)
    build_cmd = zensical_commands.add_parser(
        "build", help="build the site (strict); a failed build leaves the previous site",
        description="Build the site with Zensical, strictly: any problem stops it, and the "
                    "previous site is left as it was.")
    build_cmd.add_argument("-d", "--site-dir", type=Path, metavar="DIR",
                           help="where to put the site (default: site_dir in zensical.yml)")
    serve_cmd = zensical_commands.add_parser(
        "serve", help="preview the site, regenerating the pages a change affects",
        description="Preview the site with Zensical: the pages a change to the glossary, the "
                    "articles, docs/ or termbook.yml affects are written again and rebuilt.")
    serve_cmd.add_argument("-a", "--dev-addr", metavar="IP:PORT",
                           help="where to serve it (default: localhost:8000)")
    for command in (build_cmd, serve_cmd):
        command.add_argument("-f", "--config-file", type=Path, default=Path("zensical.yml"),
                             help="the Zensical configuration (default: zensical.yml)")
    return parser


def _add_import_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    from .importers import FORMATS  # the readers import nothing costly until they read

    import_cmd = commands.add_parser(
        "import", help="bring an existing glossary in: one entry per term",
        description="Write one entry per term of an existing glossary into the glossary folder, "
                    "under the site's entry rules and taxonomy, and report what could not be "
                    "carried over and which entries need a human. Never overwrites an entry "
                    "without --force, nor any other file.",
        epilog="formats: " + "; ".join(f"{name}: {what}" for name, what in FORMATS.items()))
    import_cmd.add_argument("format", choices=list(FORMATS), metavar="FORMAT",
                            help=f"the source's format: {', '.join(FORMATS)}")
    import_cmd.add_argument("sources", nargs="+", type=Path, metavar="SOURCE",
                            help="the files to import (a folder, for markdown and sphinx)")
    import_cmd.add_argument("--into", type=Path, default=Path("glossary"), metavar="DIR",
                            help="the glossary folder to write into (default: glossary)")
    import_cmd.add_argument("--dry-run", action="store_true",
                            help="print the entries that would be written, and write nothing")
    import_cmd.add_argument("--force", action="store_true",
                            help="replace existing entries with the imported ones (only entries: "
                                 "each one replaced is listed)")
    import_cmd.add_argument("--map", dest="mapping", metavar="FROM=FIELD,...",
                            help="which column (csv, tsv) or front matter field (markdown) holds "
                                 "which entry field, e.g. --map title=term,aka=aliases,tags=category")
    import_cmd.add_argument("--separator", default="; ", metavar="TEXT",
                            help="what separates several values in one cell (default: '; ')")
    import_cmd.add_argument("--plain-text", action="store_true",
                            help="the table's definitions are plain text, not Markdown")
    import_cmd.add_argument("--split", metavar="MARKER",
                            help="markdown: the marker that ends the short definition in a body, "
                                 "e.g. '<!--more-->'")
    import_cmd.add_argument("--link", metavar="REGEX",
                            help="markdown: the pattern of a link to another term in a body, with "
                                 "the groups (?P<id>...) and, optionally, (?P<text>...); alternatives "
                                 "name theirs id_2, text_2")
    import_cmd.add_argument("--language", metavar="TAG",
                            help="skos: the language of the labels to take (default: the site's)")
    import_cmd.add_argument("--ids", choices=["source", "names"], default="source",
                            help="source (default): the source's own ids where it has them, else "
                                 "made from the names; names: always made from the names")
    _add_config_option(import_cmd)


def _add_config_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", type=Path, default=Path(CONFIG_FILE),
                         help=f"the site's taxonomy (default: {CONFIG_FILE}; without one, the "
                              "site declares no categories, scorecard or articles)")


def _taxonomy_file_missing(args: argparse.Namespace) -> bool:
    """Whether ``--config`` names a file that is not there, after saying so (without one at
    the default place, the site declares no taxonomy)."""
    missing = args.config != Path(CONFIG_FILE) and not args.config.is_file()
    if missing:
        _error(f"no taxonomy file at '{args.config}'")
    return missing


def _taxonomy(args: argparse.Namespace) -> Taxonomy | None:
    """The taxonomy ``--config`` names, or None after printing why it cannot be used."""
    if _taxonomy_file_missing(args):
        return None
    taxonomy, findings = read_taxonomy(args.config, Path.cwd())
    for finding in findings:
        print(finding, file=sys.stderr)
    return taxonomy


def run_schema(args: argparse.Namespace) -> int:
    taxonomy = _taxonomy(args)
    if taxonomy is None:
        return EXIT_BAD_DATA if args.config.is_file() else EXIT_USAGE
    for path in write_schemas(args.out, taxonomy):
        print(f"wrote {printable(display_path(path, Path.cwd()))}")
    return EXIT_OK


def run_generate(args: argparse.Namespace) -> int:
    # Imported here: `check` and `new` need neither Python-Markdown's extensions nor YAML
    # configuration reading.
    from .output_folder import FolderRefused
    from .site_folder import Generator, Watcher, read_settings, watch

    if not args.config_file.is_file():
        _error(f"no configuration file at '{args.config_file}'")
        return EXIT_USAGE
    try:
        settings = read_settings(args.config_file)
    except SiteConfigError as problem:
        _error(str(problem))
        return EXIT_USAGE
    if not settings.glossary_dir.is_dir():
        _error(f"no glossary folder at '{settings.glossary_dir}'")
        return EXIT_USAGE
    out = args.out.resolve()
    generator = Generator(settings, out)

    def once() -> int:
        started = time.perf_counter()
        # The collector paused for the whole run, not only its check: at 10,000 terms it
        # would otherwise walk the glossary again and again as the pages are made, a quarter
        # of a run after an edit. It finds what cycles a run leaves once the run is over.
        with collector_paused():
            result = generator.run()
        for finding in result.findings:
            print(finding if finding.severity == ERROR else f"{finding} [{finding.severity}]")
        if result.changes is None:
            errors = errors_in(result.findings)
            print(f"{len(errors)} problem(s) in {len({f.path for f in errors})} file(s); "
                  f"nothing written, {printable(display_path(out, Path.cwd()))} is unchanged",
                  file=sys.stderr)
            return EXIT_BAD_DATA
        if not args.quiet:
            for line in result.changes.lines():
                print(printable(line))
        sys.stdout.flush()  # before the summary on stderr, for a reader of both
        print(f"generated {printable(display_path(out, Path.cwd()))}: {result.changes.summary()} "
              f"({time.perf_counter() - started:.2f} s)", file=sys.stderr, flush=True)
        return EXIT_OK

    # Watching from before the first run: a change made while it runs is seen after it.
    with Watcher(settings.watched()) if args.watch else contextlib.nullcontext() as watcher:
        try:
            status = once()
        except FolderRefused as refused:  # the first run looks at the folder, before writing
            _error(f"--out: {refused}")
            return EXIT_USAGE
        if watcher is None:
            return status
        print("watching for changes (Ctrl+C to stop)", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            watch(watcher, once)
    return EXIT_OK


def _project(args: argparse.Namespace, glossary_dir: Path | None = None,
             **options: Any) -> Project | None:
    """The project in the current folder, with the glossary (``glossary_dir``, else the one
    the options name) and taxonomy the options name, in the site's language (termbook.yml's,
    else ``theme.language`` in mkdocs.yml); None after saying why when mkdocs.yml cannot be
    read."""
    root = Path.cwd()
    try:
        site_language = theme_language_at(root)
    except SiteConfigError as problem:
        _error(str(problem))
        return None
    return Project.at(root, glossary_dir=glossary_dir or args.glossary, taxonomy_file=args.config,
                      site_language=site_language, **options)


def _project_with_taxonomy(args: argparse.Namespace, **options: Any) -> Project | None:
    """:func:`_project`, with the problems of its taxonomy printed; None after saying why when
    the taxonomy cannot be used."""
    if _taxonomy_file_missing(args):
        return None
    project = _project(args, **options)
    if project is None:
        return None
    for finding in project.taxonomy_findings:
        print(finding, file=sys.stderr)
    return project if project.taxonomy is not None else None


def run_new(args: argparse.Namespace) -> int:
    if not args.glossary.is_dir():
        _error(f"no glossary folder at '{args.glossary}'")
        return EXIT_USAGE
    project = _project_with_taxonomy(args)
    if project is None or project.taxonomy is None:
        return EXIT_USAGE
    taxonomy = project.taxonomy
    declared = [c.id for c in taxonomy.categories]
    for category in args.categories:
        if category not in declared:
            choices = f"one of: {', '.join(declared)}" if declared else f"none are declared in {args.config}"
            hint = did_you_mean(category, declared)
            _error(f"unknown category '{category}' ({choices})" + (f"; {hint}" if hint else ""))
            return EXIT_USAGE
    try:
        path, refusals = new_entry(args.glossary, args.name, entry_id=args.entry_id,
                                   abbreviation=args.abbreviation, aliases=args.aliases,
                                   categories=list(dict.fromkeys(args.categories)),
                                   taxonomy=taxonomy, language=project.language)
    except BadRequest as problem:
        _error(str(problem))
        return EXIT_USAGE
    if refusals:
        for finding in refusals:
            print(finding, file=sys.stderr)
        print("termbook: nothing written", file=sys.stderr)
        return EXIT_BAD_DATA
    root = Path.cwd()
    for written in write_schemas(root / SCHEMA_DIR, taxonomy, only_missing=True):
        print(f"wrote {printable(display_path(written, root))} (the entry's first line names it)",
              file=sys.stderr)
    shown = display_path(path, root)
    file = [shown] if args.glossary == Path("glossary") else ["--glossary", str(args.glossary), shown]
    contributing = taxonomy.contributing
    url = "http://127.0.0.1:8000/" + site_path(term_path(path.stem))
    print(f"created {printable(shown)}\n"
          "next:\n"
          "  1. fill in every empty field; the comment above each says what goes there\n"
          f"  2. check it:   {printable(fill(contributing.check, file=shlex.join(file)))}\n"
          f"  3. preview it: {printable(contributing.preview)}, then open {url}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    if not args.glossary.is_dir():
        _error(f"no glossary folder at '{args.glossary}'")
        return EXIT_USAGE
    missing = [p for p in args.files if not p.is_file()]
    if missing:
        _error(f"no such file: {', '.join(map(str, missing))}")
        return EXIT_USAGE
    if _taxonomy_file_missing(args):
        return EXIT_USAGE
    if args.docs is not None and not args.docs.is_dir():
        _error(f"no docs folder at '{args.docs}'")
        return EXIT_USAGE
    docs = args.docs or (Path("docs") if Path("docs").is_dir() else None)
    project = _project(args, articles_dir=args.seeds if args.seeds and args.seeds.is_dir() else None,
                       docs_dir=docs, cache=ReadCache.for_project(Path.cwd()) if args.cache else None)
    if project is None:
        return EXIT_USAGE
    # Only the findings are kept, and the collector stays paused until the glossary is gone:
    # it would walk all of it, for nothing, at the first chance it had.
    with collector_paused():
        findings = check_in_process(project, only=args.files or None, report_unmentioned=True)[1]
    errors = errors_in(findings)
    if args.format == "json":
        json.dump({"errors": len(errors), "findings": [f.as_dict() for f in findings]},
                  sys.stdout, indent=2)
        print()
    else:
        for finding in findings:
            if finding.severity == ERROR:
                print(finding)
            elif args.list_info:
                print(f"{finding} [{finding.severity}]")
        if not args.quiet and not args.list_info:
            for line in info_summary(findings):
                print(line)
        files = len({f.path for f in errors})
        if errors or not args.quiet:
            print(f"{len(errors)} problem(s) in {files} file(s)" if errors else "ok: no problems found",
                  file=sys.stderr)
    return EXIT_BAD_DATA if errors else EXIT_OK


def info_summary(findings: Sequence[Finding]) -> list[str]:
    """One line for each kind of information finding: how many, what, and how to list them."""
    kinds: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity != ERROR:
            kinds.setdefault(finding.rule, []).append(finding)
    lines = []
    for rule, found in sorted(kinds.items()):
        messages = {f.message for f in found}
        message = found[0].message + ("" if len(messages) == 1 else ", …")
        lines.append(printable(f"{len(found)} file(s): {message} ({rule}; --list-info lists them) "
                               "[info]"))
    return lines


def run_import(args: argparse.Namespace) -> int:
    import re

    from .importers import Options, Site, SourceRefused, import_plan, write
    from .importers.tables import parse_mapping

    root = Path.cwd()
    if args.into.is_symlink() or (args.into.exists() and not args.into.is_dir()):
        _error(f"--into: '{args.into}' is not a folder")
        return EXIT_USAGE
    if not args.into.resolve().is_relative_to(root.resolve()):
        _error(f"--into: '{args.into}' is outside the project ({root}); run the command in the "
               "site's folder")
        return EXIT_USAGE
    project = _project_with_taxonomy(args, glossary_dir=args.into)
    if project is None or project.taxonomy is None:
        return EXIT_USAGE
    refused = _not_a_glossary_folder(args.into, project)
    if refused:
        _error(f"--into: {refused}")
        return EXIT_USAGE
    try:
        link = re.compile(args.link) if args.link else None
        if link is not None and not any(g == "id" or g.startswith("id_") for g in link.groupindex):
            raise re.error("it has no (?P<id>...) group")
        options = Options(language=args.language or project.language,
                          mapping=parse_mapping(args.mapping), separator=args.separator,
                          split=args.split, link=link, plain_text=args.plain_text)
    except (ValueError, re.error) as problem:
        _error(f"--{'link' if isinstance(problem, re.error) else 'map'}: {problem}")
        return EXIT_USAGE
    site = Site(root, args.into, project.taxonomy, args.config, project.language)
    try:
        plan = import_plan(args.format, args.sources, site, options, force=args.force, ids=args.ids)
    except SourceRefused as refused:
        _error(str(refused))
        return EXIT_USAGE
    for entry in plan.entries:
        state = "replaces an entry" if entry.replaces else "new"
        if args.dry_run:
            print(printable(f"--- {entry.display} ({state})"))
            print("\n".join(printable(line) for line in entry.text.splitlines()))
    if not args.dry_run:
        try:
            for entry in write(plan.entries):
                print(printable(f"{'replaced' if entry.replaces else 'wrote'} {entry.display}"))
        except OSError as problem:  # a file that appeared, or a folder not writable, meanwhile
            _error(f"{problem}; the entries listed above were written, the others were not")
            return EXIT_BAD_DATA
    for line in [*plan.notes, *plan.findings]:
        print(line)
    if plan.categories:
        print(printable(f"{plan.config}: categories: {len(plan.categories)} categor"
                        f"{'y is' if len(plan.categories) == 1 else 'ies are'} not declared; "
                        "add these lines under 'categories:'"))
        print("\n".join(printable(line) for line in plan.config_lines()))
    human = plan.needs_a_human()
    replaced = sum(entry.replaces for entry in plan.entries)
    done = "would write" if args.dry_run else "wrote"
    print(f"{done} {len(plan.entries)} entr{'y' if len(plan.entries) == 1 else 'ies'} "
          f"({len(plan.entries) - replaced} new, {replaced} replaced); {len(plan.notes)} note(s) "
          f"on what was not carried over; {len(human)} entr{'y needs' if len(human) == 1 else 'ies need'} "
          "a human" + (": termbook check lists what to fix" if human else "")
          + ("; nothing written (--dry-run)" if args.dry_run else ""), file=sys.stderr)
    return EXIT_BAD_DATA if human or plan.categories or not plan.entries else EXIT_OK


def _not_a_glossary_folder(into: Path, project: Project) -> str | None:
    """Why ``into`` may not hold the imported entries, or None: it is not the project folder,
    nor is, holds or is inside its hand-written pages, its articles, its events or git's own
    files, as :func:`termbook.output_folder.protected` keeps a build out of them."""
    from .output_folder import overlap
    from .siteconfig import read_site_config

    config_file = project.root / MKDOCS_CONFIG
    docs = (read_site_config(config_file, import_names=False).docs_dir if config_file.is_file()
            else project.root / "docs")
    folders = [("the hand-written pages", docs), ("git's own files", project.root / ".git"),
               *[("the articles", folder) for folder in [project.articles_dir] if folder],
               *[("the events", folder) for folder in [project.events_dir] if folder]]
    return overlap(into, project.root, folders, "import into the glossary folder (by default "
                   "glossary/) or a folder of entries of its own")


def run_init(args: argparse.Namespace) -> int:
    from .newsite import NotEmpty, new_site

    try:
        written = new_site(args.folder, name=args.name)
    except NotEmpty as problem:
        _error(str(problem))
        return EXIT_USAGE
    root = Path.cwd()
    for path in written:
        print(f"wrote {printable(display_path(path, root))}")
    into = "" if args.folder.resolve() == root.resolve() else f"cd {printable(shlex.quote(str(args.folder)))}\n  "
    print(f"next:\n  {into}mkdocs serve                  # preview at http://127.0.0.1:8000/\n"
          "  termbook new \"Another term\"   # start an entry\n"
          "  termbook check                # check every entry\n"
          "  mkdocs build --strict         # or: termbook zensical build", file=sys.stderr)
    return EXIT_OK


def run_zensical(args: argparse.Namespace) -> int:
    # Imported here: only this command needs the Zensical front end.
    from termbook_zensical.commands import run

    return run(args.action, args.config_file, site_dir=args.site_dir if args.action == "build" else None,
               serve_args=["-a", args.dev_addr] if args.action == "serve" and args.dev_addr else [])


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return {"check": run_check, "new": run_new, "schema": run_schema, "generate": run_generate,
            "import": run_import, "init": run_init, "zensical": run_zensical}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
