#!/usr/bin/env python3
# Checks flatpak/'s manifest against meson.build: valid JSON, the .Devel app id meson builds
# with -Ddevelopment=true, -Ddevelopment=true passed, and a module for every library core links
# that the GNOME runtime does not ship. Prints TAP.
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
checks = []

def check(name, ok, detail=''):
    checks.append((name, ok, detail))

meson = (root / 'meson.build').read_text()
m = re.search(r"base_app_id\s*=\s*'([^']+)'", meson)
check('meson.build names the base app id', m is not None)
app_id = (m.group(1) if m else '?') + '.Devel'
manifest_path = root / 'flatpak' / f'{app_id}.json'
check('manifest named after the Devel app id', manifest_path.exists(), str(manifest_path))
try:
    manifest = json.loads(manifest_path.read_text())
except Exception as e:  # noqa: BLE001 - any parse failure is the finding
    manifest = {}
    check('manifest is valid JSON', False, str(e))
else:
    check('manifest is valid JSON', True)
check('manifest id equals the Devel app id', manifest.get('id') == app_id, str(manifest.get('id')))
check('runtime is the GNOME Platform', manifest.get('runtime') == 'org.gnome.Platform')
check('command is aisle', manifest.get('command') == 'aisle')
modules = {mod.get('name'): mod for mod in manifest.get('modules', []) if isinstance(mod, dict)}
for lib, dep in (('zbar', "dependency('zbar'"), ('libsodium', "dependency('libsodium'"),
                 ('libqrencode', "dependency('libqrencode'")):
    if dep in meson:
        check(f'{lib} (used by meson.build) is bundled', lib in modules)
aisle = modules.get('aisle', {})
check('the app module builds with -Ddevelopment=true',
      '-Ddevelopment=true' in aisle.get('config-opts', []))
check('zbar is built without DataBar',
      any('--enable-codes=' in c and 'databar' not in c
          for c in modules.get('zbar', {}).get('build-commands', [])))
forbidden = [a for a in manifest.get('finish-args', [])
             if a.startswith('--filesystem=host') or a in ('--socket=session-bus', '--socket=system-bus')]
check('no host filesystem or whole-bus access', not forbidden, ' '.join(forbidden))

print(f'1..{len(checks)}')
failed = 0
for i, (name, ok, detail) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + (f' # {detail}' if detail and not ok else ''))
    failed += not ok
sys.exit(1 if failed else 0)
