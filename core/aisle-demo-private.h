/* aisle-demo-private.h: shared by the demo generator (aisle-demo.c) and its reference data
 * (aisle-demo-names.c).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "aisle-demo.h"

G_BEGIN_DECLS

#define DAY (24 * 3600)

#define STAFF_PER_STORE (AISLE_DEMO_N_STAFF / AISLE_DEMO_N_STORES)

/* --- PRNG: xoshiro256**, seeded by splitmix64 (rand() differs between libcs) --------------- */

typedef struct
{
  guint64 s[4];
} Rng;

static inline guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline void
rng_seed (Rng     *rng,
          guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n): the multiply-shift of the top 32 bits; bias is below 2^-32 * n. */
static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static inline double
rng_unit (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_unit (rng) < p;
}

/* --- reference data (aisle-demo-names.c) --------------------------------------------------- */

typedef struct
{
  const char *id, *name, *address, *phone;
  double lat, lon;
  guint weight;   /* share of members whose home store this is */
} StoreSeed;

typedef struct
{
  const char *name;
  const char * const *brands;
  const char * const *items;
  const char * const *sizes;
  gint64 min_price, max_price;   /* NT$ */
} Category;

extern const StoreSeed          _aisle_demo_stores[AISLE_DEMO_N_STORES];
extern const Category           _aisle_demo_categories[];
extern const guint              _aisle_demo_n_categories;
extern const char * const       _aisle_demo_note_texts[];
extern const guint              _aisle_demo_n_note_texts;
extern const char * const       _aisle_demo_tag_names[];
extern const guint              _aisle_demo_n_tag_names;
extern const char * const       _aisle_demo_coupon_titles[];
extern const guint              _aisle_demo_n_coupon_titles;

char   *_aisle_demo_rng_uuid         (Rng        *rng);
char   *_aisle_demo_make_ean13       (guint       a,
                                      guint       b);
char   *_aisle_demo_random_name      (Rng        *rng);
guint   _aisle_demo_pick_store       (Rng        *rng);
char   *_aisle_demo_staff_id         (guint       store,
                                      guint       n);
char   *_aisle_demo_random_associate (Rng        *rng,
                                      guint       store);

/* --- the bulk loader (aisle-demo-bulk.c) --------------------------------------------------- */

typedef struct _AisleDemoBulk AisleDemoBulk;

AisleDemoBulk *_aisle_demo_bulk_begin       (AisleStore              *store,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_finish      (AisleDemoBulk           *bulk,
                                             GError                 **error);
void           _aisle_demo_bulk_free        (AisleDemoBulk           *bulk);
void           _aisle_demo_bulk_tune        (AisleStore              *store,
                                             char                   **saved);
gboolean       _aisle_demo_bulk_product     (AisleDemoBulk           *bulk,
                                             const AisleProduct      *p,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_stock       (AisleDemoBulk           *bulk,
                                             const AisleStock        *st,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_member      (AisleDemoBulk           *bulk,
                                             const AisleMember       *m,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_consent     (AisleDemoBulk           *bulk,
                                             const AisleConsent      *c,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_binding     (AisleDemoBulk           *bulk,
                                             const AisleBinding      *b,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_order       (AisleDemoBulk           *bulk,
                                             const AisleOrder        *o,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_points      (AisleDemoBulk           *bulk,
                                             const AislePointsEntry  *e,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_coupon      (AisleDemoBulk           *bulk,
                                             const AisleCoupon       *c,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_invoice     (AisleDemoBulk           *bulk,
                                             const AisleInvoice      *inv,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_reservation (AisleDemoBulk           *bulk,
                                             const AisleReservation  *r,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_note        (AisleDemoBulk           *bulk,
                                             const AisleNote         *n,
                                             GError                 **error);
gboolean       _aisle_demo_bulk_tags        (AisleDemoBulk           *bulk,
                                             const char              *member_id,
                                             const char * const      *tags,
                                             GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleDemoBulk, _aisle_demo_bulk_free)

G_END_DECLS
