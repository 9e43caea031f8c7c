/* aisle-demo.c: deterministic Taiwanese retail demo data (stores, staff, products, members,
 * a year of orders across channels with attribution, points, coupons ...).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo staff PINs: every demo staff member (S0001-S0040) has the PIN 1234 (AISLE_DEMO_PIN).
 * S0001, S0009, S0017, S0025 and S0033 are the store managers.
 */

#define G_LOG_DOMAIN "aisle-demo"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "aisle-codes.h"
#include "aisle-demo-private.h"

typedef struct
{
  AisleStore              *store;
  const AisleDemoOptions  *options;
  AisleDemoStats          *stats;
  Rng                      rng;
  GPtrArray               *products;      /* (element-type AisleProduct), by popularity desc */
  guint8                  *phones_used;   /* bitmap over the 10^8 numbers 09xxxxxxxx */
  char                    *consent_hash;
  AisleDemoBulk           *bulk;          /* members and what they own go through it */
} Demo;

static void
progress (Demo       *demo,
          const char *phase,
          guint64     done,
          guint64     total)
{
  if (demo->options->progress != NULL)
    demo->options->progress (phase, done, total, demo->options->progress_data);
}

/* --- generators ---------------------------------------------------------------------------- */

static gboolean
generate_stores_and_staff (Demo    *demo,
                           GError **error)
{
  char pin_hash[crypto_pwhash_STRBYTES];
  Rng *rng = &demo->rng;

  /* Every demo staff member has the documented PIN, so one argon2id hash (with its random
   * salt) serves them all: hashing it forty times at interactive cost took four seconds. */
  if (crypto_pwhash_str (pin_hash, AISLE_DEMO_PIN, strlen (AISLE_DEMO_PIN),
                         demo->options->pin_opslimit, demo->options->pin_memlimit) != 0)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_FAILED,
                   "hashing the demo PIN: out of memory");
      return FALSE;
    }

  for (guint s = 0; s < AISLE_DEMO_N_STORES; s++)
    {
      g_autoptr(AisleBranch) branch = aisle_branch_new ();

      branch->id = g_strdup (_aisle_demo_stores[s].id);
      branch->name = g_strdup (_aisle_demo_stores[s].name);
      branch->address = g_strdup (_aisle_demo_stores[s].address);
      branch->phone = g_strdup (_aisle_demo_stores[s].phone);
      branch->latitude = _aisle_demo_stores[s].lat;
      branch->longitude = _aisle_demo_stores[s].lon;
      if (!aisle_store_upsert_branch (demo->store, branch, error))
        return FALSE;
      demo->stats->stores++;

      for (guint n = 0; n < STAFF_PER_STORE; n++)
        {
          g_autoptr(AisleStaff) staff = aisle_staff_new ();

          staff->id = _aisle_demo_staff_id (s, n);
          staff->branch_id = g_strdup (_aisle_demo_stores[s].id);
          staff->name = _aisle_demo_random_name (rng);
          staff->role = n == 0 ? AISLE_STAFF_ROLE_MANAGER : AISLE_STAFF_ROLE_ASSOCIATE;
          staff->pin_hash = g_strdup (pin_hash);
          staff->active = n != STAFF_PER_STORE - 1 || s != 0;   /* one who has left */
          if (!aisle_store_upsert_staff (demo->store, staff, error))
            return FALSE;
          demo->stats->staff++;
        }
    }
  return TRUE;
}

static int
compare_popularity (gconstpointer a,
                    gconstpointer b)
{
  const AisleProduct *x = *(AisleProduct * const *) a;
  const AisleProduct *y = *(AisleProduct * const *) b;

  return x->popularity > y->popularity ? -1 : x->popularity < y->popularity ? 1
                                                                            : strcmp (x->id, y->id);
}

static gboolean
generate_products (Demo    *demo,
                   GError **error)
{
  Rng *rng = &demo->rng;
  guint n = demo->options->n_products;

  for (guint i = 0; i < n; i++)
    {
      const Category *cat = &_aisle_demo_categories[rng_below (rng, _aisle_demo_n_categories)];
      guint n_brands = g_strv_length ((GStrv) cat->brands);
      guint n_items = g_strv_length ((GStrv) cat->items);
      guint n_sizes = g_strv_length ((GStrv) cat->sizes);
      guint brand = rng_below (rng, n_brands);
      AisleProduct *product = aisle_product_new ();
      GStrvBuilder *codes = g_strv_builder_new ();
      gint64 price = cat->min_price + rng_below (rng, (guint32) (cat->max_price - cat->min_price + 1));

      product->id = g_strdup_printf ("P%06u", i + 1);
      product->brand = g_strdup (cat->brands[brand]);
      product->category = g_strdup (cat->name);
      product->name = g_strdup_printf ("%s %s %s", cat->brands[brand],
                                       cat->items[rng_below (rng, n_items)],
                                       cat->sizes[rng_below (rng, n_sizes)]);
      /* Prices end in 0, 5 or 9, as on Taiwanese shelves; stored in cents. */
      product->price = (price - price % 5 + (rng_chance (rng, 0.3) ? 4 : 0)) * 100;
      /* Heavy-tailed sales: a few products sell most. */
      product->popularity = (gint64) (1000.0 / (1.0 + rng_below (rng, 1000)) * (1 + rng_below (rng, 50)));

      {
        g_autofree char *code = _aisle_demo_make_ean13 ((guint) (cat - _aisle_demo_categories) * 1000 + brand * 10 + i / 100000, i);
        g_strv_builder_add (codes, code);
      }
      if (rng_chance (rng, 0.05))   /* a second code: a multipack or an old label */
        {
          g_autofree char *code = _aisle_demo_make_ean13 (9000 + i / 100000, i);
          g_strv_builder_add (codes, code);
        }
      product->barcodes = g_strv_builder_end (codes);
      g_strv_builder_unref (codes);

      if (!_aisle_demo_bulk_product (demo->bulk, product, error))
        {
          aisle_product_free (product);
          return FALSE;
        }
      demo->stats->products++;
      demo->stats->barcodes += g_strv_length (product->barcodes);

      for (guint s = 0; s <= AISLE_DEMO_N_STORES; s++)
        {
          g_autoptr(AisleStock) stock = aisle_stock_new ();

          stock->product_id = g_strdup (product->id);
          stock->location_id = g_strdup (s < AISLE_DEMO_N_STORES ? _aisle_demo_stores[s].id
                                                                 : AISLE_LOCATION_ONLINE);
          stock->on_hand = rng_chance (rng, 0.1) ? 0 : rng_below (rng, s < AISLE_DEMO_N_STORES ? 60 : 500);
          stock->reserved = stock->on_hand > 0 && rng_chance (rng, 0.05) ? 1 : 0;
          stock->updated_at = demo->options->now - rng_below (rng, 7 * DAY);
          if (!_aisle_demo_bulk_stock (demo->bulk, stock, error))
            {
              aisle_product_free (product);
              return FALSE;
            }
          demo->stats->stock++;
        }
      g_ptr_array_add (demo->products, product);
      if (i % 1000 == 999)
        progress (demo, "products", i + 1, n);
    }
  g_ptr_array_sort (demo->products, compare_popularity);
  return TRUE;
}

/* A product index skewed to the best sellers (products are sorted by popularity). */
static const AisleProduct *
pick_product (Demo *demo)
{
  double u = rng_unit (&demo->rng);
  guint i = (guint) (u * u * u * demo->products->len);

  return g_ptr_array_index (demo->products, MIN (i, demo->products->len - 1));
}

static char *
unique_phone (Demo *demo)
{
  for (;;)
    {
      guint32 n = rng_below (&demo->rng, 100000000);

      /* 09 then 8 digits; Taiwanese mobile prefixes are 090-099, all allowed here. */
      if ((demo->phones_used[n / 8] & (1u << (n % 8))) == 0)
        {
          demo->phones_used[n / 8] |= (guint8) (1u << (n % 8));
          return g_strdup_printf ("09%08u", n);
        }
    }
}


static gboolean
generate_orders (Demo               *demo,
                 const AisleMember  *member,
                 guint               home,
                 const AisleBinding *binding,
                 const gint64       *times,
                 guint               n_orders,
                 GError            **error)
{
  Rng *rng = &demo->rng;

  for (guint k = 0; k < n_orders; k++)
    {
      g_autoptr(AisleOrder) o = aisle_order_new ();
      double r = rng_unit (rng);
      guint n_items = 1 + rng_below (rng, 4);
      guint branch = rng_chance (rng, 0.85) ? home : rng_below (rng, AISLE_DEMO_N_STORES);
      gboolean bound = binding != NULL && times[k] >= binding->since;

      o->id = _aisle_demo_rng_uuid (rng);
      o->member_id = g_strdup (member->id);
      o->placed_at = times[k];
      o->channel = r < 0.6 ? AISLE_CHANNEL_STORE : r < 0.9 ? AISLE_CHANNEL_ONLINE : AISLE_CHANNEL_APP;
      if (o->channel == AISLE_CHANNEL_STORE)
        {
          o->fulfilment = AISLE_FULFILMENT_IN_STORE;
          o->status = rng_chance (rng, 0.97) ? AISLE_ORDER_STATUS_COMPLETED : AISLE_ORDER_STATUS_REFUNDED;
          o->branch_id = g_strdup (_aisle_demo_stores[branch].id);
          o->credited_staff_id = _aisle_demo_random_associate (rng, branch);
          o->credited_branch_id = g_strdup (_aisle_demo_stores[branch].id);
          o->credit_reason = g_strdup ("sold_by");
        }
      else
        {
          gint64 age = demo->options->now - times[k];

          o->fulfilment = rng_chance (rng, 0.7) ? AISLE_FULFILMENT_DELIVERY : AISLE_FULFILMENT_PICKUP;
          if (rng_chance (rng, 0.02))
            o->status = AISLE_ORDER_STATUS_CANCELLED;
          else if (age < 1 * DAY)
            o->status = AISLE_ORDER_STATUS_PAID;
          else if (age < 3 * DAY)
            o->status = AISLE_ORDER_STATUS_SHIPPED;
          else
            o->status = o->fulfilment == AISLE_FULFILMENT_DELIVERY ? AISLE_ORDER_STATUS_DELIVERED
                                                                   : AISLE_ORDER_STATUS_COMPLETED;
          if (o->fulfilment == AISLE_FULFILMENT_DELIVERY)
            o->tracking = g_strdup_printf ("黑貓宅急便 %012" G_GUINT64_FORMAT " %s",
                                           (guint64) (rng_next (rng) % G_GUINT64_CONSTANT (1000000000000)),
                                           o->status == AISLE_ORDER_STATUS_PAID ? "待出貨"
                                           : o->status == AISLE_ORDER_STATUS_SHIPPED ? "配送中"
                                                                                     : "已送達");
          else
            o->branch_id = g_strdup (_aisle_demo_stores[branch].id);
          /* Attribution (分潤): the bound associate earns online sales; otherwise the store
           * of pickup, or the member's home store. */
          if (bound)
            {
              o->credited_staff_id = g_strdup (binding->staff_id);
              o->credited_branch_id = g_strdup (binding->branch_id);
              o->credit_reason = g_strdup_printf ("binding:%s", binding->id);
            }
          else if (o->branch_id != NULL)
            {
              o->credited_branch_id = g_strdup (o->branch_id);
              o->credit_reason = g_strdup ("pickup_store");
            }
          else
            {
              o->credited_branch_id = g_strdup (_aisle_demo_stores[home].id);
              o->credit_reason = g_strdup ("home_store");
            }
        }

      for (guint i = 0; i < n_items; i++)
        {
          const AisleProduct *p = pick_product (demo);
          AisleOrderItem *item = aisle_order_item_new ();

          item->product_id = g_strdup (p->id);
          item->name = g_strdup (p->name);
          item->quantity = 1 + rng_below (rng, 3);
          item->unit_price = p->price;
          o->total += (gint64) (item->quantity * item->unit_price);
          g_ptr_array_add (o->items, item);
        }
      if (!_aisle_demo_bulk_order (demo->bulk, o, error))
        return FALSE;
      demo->stats->orders++;
      demo->stats->order_items += n_items;

      if (o->status == AISLE_ORDER_STATUS_COMPLETED || o->status == AISLE_ORDER_STATUS_DELIVERED)
        {
          g_autoptr(AislePointsEntry) e = aisle_points_entry_new ();

          /* One point per NT$100 spent. */
          e->id = _aisle_demo_rng_uuid (rng);
          e->member_id = g_strdup (member->id);
          e->delta = o->total / 10000;
          e->reason = g_strdup_printf ("order:%s", o->id);
          e->at = o->placed_at;
          if (e->delta > 0)
            {
              if (!_aisle_demo_bulk_points (demo->bulk, e, error))
                return FALSE;
              demo->stats->points++;
            }
        }
    }
  return TRUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static gboolean
generate_extras (Demo               *demo,
                 const AisleMember  *member,
                 guint               index,
                 guint               home,
                 GError            **error)
{
  Rng *rng = &demo->rng;
  gint64 now = demo->options->now;

  if (rng_chance (rng, 0.4))
    for (guint k = 0, n = 1 + rng_below (rng, 2); k < n; k++)
      {
        g_autoptr(AisleCoupon) c = aisle_coupon_new ();

        g_autofree char *body = g_strdup_printf ("CP%010u", index * 2 + k);

        /* The printed form (AC-, body, check character), as the tablet scans it. */
        c->code = aisle_codes_make_coupon_code (body, NULL);
        c->member_id = g_strdup (member->id);
        c->title = g_strdup (_aisle_demo_coupon_titles[rng_below (rng, _aisle_demo_n_coupon_titles)]);
        c->value = (50 + 50 * rng_below (rng, 4)) * 100;
        c->valid_from = now - rng_below (rng, 60 * DAY);
        c->valid_until = c->valid_from + 90 * DAY;
        if (rng_chance (rng, 0.3))
          {
            c->redeemed_at = MIN (now, c->valid_from + rng_below (rng, 30 * DAY));
            c->redeemed_branch_id = g_strdup (_aisle_demo_stores[home].id);
          }
        if (!_aisle_demo_bulk_coupon (demo->bulk, c, error))
          return FALSE;
        demo->stats->coupons++;
      }

  if (rng_chance (rng, 0.05))
    {
      g_autoptr(AisleInvoice) inv = aisle_invoice_new ();
      g_autoptr(GDateTime) when = NULL;

      inv->registered_at = now - rng_below (rng, 180 * DAY);
      when = g_date_time_new_from_unix_utc (inv->registered_at - rng_below (rng, 3 * DAY));
      inv->number = g_strdup_printf ("%c%c%08u", 'A' + rng_below (rng, 26), 'A' + rng_below (rng, 26),
                                     index);
      inv->date = g_strdup_printf ("%03d%02d%02d", g_date_time_get_year (when) - 1911,
                                   g_date_time_get_month (when), g_date_time_get_day_of_month (when));
      inv->random_code = g_strdup_printf ("%04u", rng_below (rng, 10000));
      inv->seller_id = g_strdup ("24549210");
      inv->total = (100 + rng_below (rng, 3000)) * 100;
      inv->member_id = g_strdup (member->id);
      inv->points = inv->total / 10000;
      if (!_aisle_demo_bulk_invoice (demo->bulk, inv, error))
        return FALSE;
      demo->stats->invoices++;
    }

  if (rng_chance (rng, 0.01))
    {
      g_autoptr(AisleReservation) r = aisle_reservation_new ();
      guint status = rng_below (rng, 10);

      r->id = _aisle_demo_rng_uuid (rng);
      r->member_id = g_strdup (member->id);
      r->product_id = g_strdup (pick_product (demo)->id);
      r->branch_id = g_strdup (_aisle_demo_stores[rng_below (rng, AISLE_DEMO_N_STORES)].id);
      r->quantity = 1 + rng_below (rng, 2);
      r->status = status < 6 ? AISLE_RESERVATION_OPEN : status < 8 ? AISLE_RESERVATION_FULFILLED
                  : status < 9 ? AISLE_RESERVATION_CANCELLED : AISLE_RESERVATION_EXPIRED;
      r->created_at = now - rng_below (rng, 10 * DAY);
      r->expires_at = r->created_at + 7 * DAY;
      r->staff_id = _aisle_demo_random_associate (rng, home);
      if (!_aisle_demo_bulk_reservation (demo->bulk, r, error))
        return FALSE;
      demo->stats->reservations++;
    }

  if (rng_chance (rng, 0.02))
    {
      g_autoptr(AisleNote) note = aisle_note_new ();

      note->id = _aisle_demo_rng_uuid (rng);
      note->member_id = g_strdup (member->id);
      note->staff_id = _aisle_demo_random_associate (rng, home);
      note->text = g_strdup (_aisle_demo_note_texts[rng_below (rng, _aisle_demo_n_note_texts)]);
      note->at = now - rng_below (rng, 200 * DAY);
      if (!_aisle_demo_bulk_note (demo->bulk, note, error))
        return FALSE;
      demo->stats->notes++;
    }

  if (rng_chance (rng, 0.05))
    {
      const char *tags[3] = { NULL, NULL, NULL };

      tags[0] = _aisle_demo_tag_names[rng_below (rng, _aisle_demo_n_tag_names)];
      if (rng_chance (rng, 0.3))
        tags[1] = _aisle_demo_tag_names[rng_below (rng, _aisle_demo_n_tag_names)];
      if (!_aisle_demo_bulk_tags (demo->bulk, member->id, tags, error))
        return FALSE;
      demo->stats->tags += tags[1] != NULL && g_strcmp0 (tags[0], tags[1]) != 0 ? 2 : 1;
    }
  return TRUE;
}

static gboolean
generate_member (Demo    *demo,
                 guint    index,
                 GError **error)
{
  Rng *rng = &demo->rng;
  gint64 now = demo->options->now;
  g_autoptr(AisleMember) m = aisle_member_new ();
  g_autoptr(AisleConsent) consent = aisle_consent_new ();
  g_autoptr(AisleBinding) binding = NULL;
  guint home = _aisle_demo_pick_store (rng);
  gint64 times[12];
  guint n_orders = 0;
  double tier = rng_unit (rng);

  m->id = _aisle_demo_rng_uuid (rng);
  m->number = g_strdup_printf ("%08u", 10000001 + index);
  m->name = _aisle_demo_random_name (rng);
  m->phone = unique_phone (demo);
  m->birth_month = (int) rng_below (rng, 13);
  m->tier = g_strdup (tier < 0.7 ? "basic" : tier < 0.92 ? "silver" : "gold");
  m->home_branch_id = g_strdup (_aisle_demo_stores[home].id);
  m->enrolled_at = now - (gint64) (14 + rng_below (rng, 5 * 365)) * DAY - rng_below (rng, DAY);

  /* A quarter never bought; the rest made a geometric number of purchases in the last year. */
  if (rng_chance (rng, 0.75))
    for (n_orders = 1; n_orders < G_N_ELEMENTS (times) && rng_chance (rng, 0.45); n_orders++)
      ;
  for (guint k = 0; k < n_orders; k++)
    times[k] = MAX (m->enrolled_at + 600, now - (gint64) rng_below (rng, 365 * DAY));
  qsort (times, n_orders, sizeof times[0], compare_gint64);
  m->last_activity_at = n_orders > 0 ? times[n_orders - 1]
                                     : m->enrolled_at + rng_below (rng, (guint32) MIN (now - m->enrolled_at, 30 * DAY));
  if (!_aisle_demo_bulk_member (demo->bulk, m, error))
    return FALSE;
  demo->stats->members++;

  consent->member_id = g_strdup (m->id);
  consent->policy_version = g_strdup ("2024-01");
  consent->text_hash = g_strdup (demo->consent_hash);
  consent->privacy = TRUE;
  consent->marketing = rng_chance (rng, 0.6);
  consent->at = m->enrolled_at;
  consent->channel = g_strdup (rng_chance (rng, 0.5) ? "tablet" : rng_chance (rng, 0.5) ? "kiosk" : "phone");
  consent->device_id = g_strdup_printf ("%s-dev%u", _aisle_demo_stores[home].id, 1 + rng_below (rng, 3));
  if (!_aisle_demo_bulk_consent (demo->bulk, consent, error))
    return FALSE;
  demo->stats->consents++;

  if (rng_chance (rng, 0.3))
    {
      gint64 since = m->enrolled_at + rng_below (rng, 30 * DAY);

      if (rng_chance (rng, 0.1))
        {
          /* An earlier associate who handed the member over. */
          g_autoptr(AisleBinding) old = aisle_binding_new ();

          old->id = _aisle_demo_rng_uuid (rng);
          old->member_id = g_strdup (m->id);
          old->staff_id = _aisle_demo_random_associate (rng, home);
          old->branch_id = g_strdup (_aisle_demo_stores[home].id);
          old->since = since;
          old->until = since + 1;
          since += 1;
          old->source = g_strdup ("card_scan");
          if (!_aisle_demo_bulk_binding (demo->bulk, old, error))
            return FALSE;
          demo->stats->bindings++;
        }
      binding = aisle_binding_new ();
      binding->id = _aisle_demo_rng_uuid (rng);
      binding->member_id = g_strdup (m->id);
      binding->staff_id = _aisle_demo_random_associate (rng, home);
      binding->branch_id = g_strdup (_aisle_demo_stores[home].id);
      binding->since = MIN (since, now);
      binding->source = g_strdup (rng_chance (rng, 0.7) ? "card_scan" : "associate_qr");
      if (!_aisle_demo_bulk_binding (demo->bulk, binding, error))
        return FALSE;
      demo->stats->bindings++;
    }

  return generate_orders (demo, m, home, binding, times, n_orders, error) &&
         generate_extras (demo, m, index, home, error);
}

static gboolean
generate_members (Demo    *demo,
                  GError **error)
{
  guint n = demo->options->n_members;

  for (guint i = 0; i < n; i++)
    {
      if (!generate_member (demo, i, error))
        return FALSE;
      if (i % 10000 == 9999 || i + 1 == n)
        progress (demo, "members", i + 1, n);
    }
  return TRUE;
}

/* --- entry points -------------------------------------------------------------------------- */

void
aisle_demo_options_init (AisleDemoOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);

  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->seed = AISLE_DEMO_DEFAULT_SEED;
  options->n_members = 100000;
  options->n_products = 20000;
  options->now = g_date_time_to_unix (now);
  options->pin_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  options->pin_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

/**
 * aisle_demo_generate:
 * @store: an empty cache, ideally opened with %AISLE_STORE_OPEN_BULK (then the load runs with
 *   the rollback journal in memory, foreign-key checks off and a large page cache, and the
 *   file goes back to WAL at the end; a store opened without it keeps its settings)
 * @options: what to generate
 * @stats: (out caller-allocates) (optional): row counts and the time taken
 * @error: return location for a #GError
 *
 * Fills @store in one transaction, so an interrupted run leaves it empty. Members and what
 * they own are bulk-loaded: their tables' secondary indexes are dropped for the load and
 * recreated at the end (inside the same transaction).
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_demo_generate (AisleStore              *store,
                     const AisleDemoOptions  *options,
                     AisleDemoStats          *stats,
                     GError                 **error)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GPtrArray) products = NULL;
  g_autofree guint8 *phones_used = NULL;
  g_autofree char *consent_hash = NULL;
  AisleDemoStats local_stats = { 0 };
  Demo demo = { 0 };
  g_autofree char *tuned = NULL;
  char seed_text[32];
  gboolean ok;

  g_return_val_if_fail (AISLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->n_products > 0, FALSE);

  if (sodium_init () < 0)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_FAILED, "libsodium failed to start");
      return FALSE;
    }
  if (options->n_members > 20000000)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "at most 20,000,000 demo members (there are 10^8 mobile numbers)");
      return FALSE;
    }

  products = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_product_free);
  phones_used = g_malloc0 (100000000 / 8);
  consent_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                "Aisle demo privacy policy 2024-01", -1);
  demo.store = store;
  demo.options = options;
  demo.stats = stats != NULL ? stats : &local_stats;
  memset (demo.stats, 0, sizeof *demo.stats);
  demo.products = products;
  demo.phones_used = phones_used;
  demo.consent_hash = consent_hash;
  rng_seed (&demo.rng, options->seed);
  g_snprintf (seed_text, sizeof seed_text, "%" G_GUINT64_FORMAT, options->seed);

  _aisle_demo_bulk_tune (store, &tuned);
  if (!aisle_store_begin (store, error))
    {
      _aisle_demo_bulk_tune (store, &tuned);
      return FALSE;
    }
  ok = generate_stores_and_staff (&demo, error) &&
       (demo.bulk = _aisle_demo_bulk_begin (store, error)) != NULL &&
       generate_products (&demo, error) &&
       generate_members (&demo, error);
  if (ok)
    {
      progress (&demo, "indexes", 0, 1);
      ok = _aisle_demo_bulk_finish (demo.bulk, error);
      if (ok)
        progress (&demo, "indexes", 1, 1);
    }
  g_clear_pointer (&demo.bulk, _aisle_demo_bulk_free);
  ok = ok && aisle_store_set_sync_state (store, "demo.seed", seed_text, error);
  if (!ok || !aisle_store_commit (store, error))
    {
      aisle_store_rollback (store);
      _aisle_demo_bulk_tune (store, &tuned);
      return FALSE;
    }
  _aisle_demo_bulk_tune (store, &tuned);
  demo.stats->seconds = g_timer_elapsed (timer, NULL);
  return TRUE;
}
