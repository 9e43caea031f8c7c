/* aisle-build-env.h: find the schema and translations of an uninstalled build.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `./run demo` and the tests run the binaries from the build tree. There the compiled
 * GSettings schema and the .mo files live in the build directory, not under the prefix.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean               aisle_build_env_is_uninstalled    (void);
const char            *aisle_build_env_get_locale_dir    (void);
GSettingsSchemaSource *aisle_build_env_get_schema_source (void);

G_END_DECLS
