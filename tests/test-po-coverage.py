#!/usr/bin/env python3
# Every user-visible string is translatable and po/zh_TW.po translates all of them:
#  1. every source or UI file that marks strings for translation is listed in po/POTFILES.in
#     (and every listed file exists);
#  2. xgettext over POTFILES.in (the keywords of Meson's glib preset) extracts a template;
#     every message in it has a non-empty, non-fuzzy zh_TW translation (msgcmp).
# Prints TAP.
import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
checks = []


def check(name, ok, detail=''):
    checks.append((name, ok, detail))


listed = [line.strip() for line in (root / 'po' / 'POTFILES.in').read_text().splitlines()
          if line.strip() and not line.startswith('#')]
missing_files = [f for f in listed if not (root / f).exists()]
check('every file in POTFILES.in exists', not missing_files, ' '.join(missing_files))

marks = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"|translatable="yes"')
unlisted = []
for pattern in ('app/*.c', 'ui/*.ui', 'core/*-cli.c', 'hub/main.c'):
    for path in sorted(root.glob(pattern)):
        rel = str(path.relative_to(root))
        if rel not in listed and marks.search(path.read_text(errors='replace')):
            unlisted.append(rel)
check('every file with translatable strings is in POTFILES.in', not unlisted, ' '.join(unlisted))

with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / 'aisle.pot'
    files = pathlib.Path(tmp) / 'files'
    files.write_text('\n'.join(f for f in listed if (root / f).exists()) + '\n')
    xgettext = subprocess.run(
        ['xgettext', '--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_',
         '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2',
         '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3', '--keyword=ngettext:1,2',
         '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
         '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
         '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
         '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
         '-D', str(root), '-f', str(files), '-o', str(pot)],
        capture_output=True, text=True)
    check('xgettext extracts the template', xgettext.returncode == 0 and pot.exists(),
          xgettext.stderr.strip())
    if pot.exists():
        msgcmp = subprocess.run(['msgcmp', str(root / 'po' / 'zh_TW.po'), str(pot)],
                                capture_output=True, text=True)
        # msgcmp ignores untranslated and fuzzy entries unless told otherwise: each one the
        # template has is reported as missing.
        detail = '\n'.join(l for l in msgcmp.stderr.splitlines() if 'this message' in l or 'msgid' in l)
        check('po/zh_TW.po translates every string', msgcmp.returncode == 0,
              detail or msgcmp.stderr.strip())

print(f'1..{len(checks)}')
for i, (name, ok, detail) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        for line in detail.splitlines()[:60]:
            print(f'# {line}')
