/* aisle-test-store.h: the temp-cache fixture shared by the store test executables.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-demo.h"
#include "aisle-store.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *path;
  AisleStore  *store;
} Fixture;

/* A fresh cache.db in a temporary directory, opened. */
void         fixture_setup     (Fixture        *f,
                                gconstpointer   data);
void         fixture_teardown  (Fixture        *f,
                                gconstpointer   data);
/* The demo generator at test size (cheapest argon2id). */
void         fill_demo         (AisleStore     *store,
                                guint           members,
                                guint64         seed,
                                AisleDemoStats *stats);
AisleMember *make_member       (const char     *id,
                                const char     *name,
                                const char     *phone,
                                gint64          activity);
void         add_member        (AisleStore     *store,
                                const char     *id,
                                const char     *name,
                                const char     *phone,
                                gint64          activity);

G_END_DECLS
