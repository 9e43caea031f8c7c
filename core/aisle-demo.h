/* aisle-demo.h: a deterministic generator of realistic Taiwanese retail demo data.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value comes from one seeded PRNG (xoshiro256**) and a fixed "now", so the same options
 * give the same rows on every machine. The one exception is staff PIN hashes: argon2id salts
 * are random by design. Every demo staff PIN is AISLE_DEMO_PIN.
 */

#pragma once

#include "aisle-store.h"

G_BEGIN_DECLS

#define AISLE_DEMO_PIN           "1234"
#define AISLE_DEMO_DEFAULT_SEED  20260101
#define AISLE_DEMO_N_STORES      5
#define AISLE_DEMO_N_STAFF       40

typedef void (*AisleDemoProgressFunc) (const char *phase,
                                       guint64     done,
                                       guint64     total,
                                       gpointer    user_data);

typedef struct
{
  guint64                seed;
  guint                  n_members;      /* default 100,000 */
  guint                  n_products;     /* default 20,000 */
  gint64                 now;            /* the data's "today" (Unix time), fixed by default */
  /* argon2id cost for PIN hashes: libsodium's interactive limits by default; tests lower them */
  guint64                pin_opslimit;
  gsize                  pin_memlimit;
  AisleDemoProgressFunc  progress;
  gpointer               progress_data;
} AisleDemoOptions;

typedef struct
{
  guint64 stores, staff, products, barcodes, stock, members, consents, bindings;
  guint64 orders, order_items, points, coupons, invoices, reservations, notes, tags;
  double  seconds;
} AisleDemoStats;

void      aisle_demo_options_init    (AisleDemoOptions        *options);
gboolean  aisle_demo_generate        (AisleStore              *store,
                                      const AisleDemoOptions  *options,
                                      AisleDemoStats          *stats,
                                      GError                 **error);

/* Building blocks, public for tests. */
char      aisle_ean13_check_digit    (const char              *first12);
gboolean  aisle_ean13_is_valid       (const char              *code);

G_END_DECLS
