/* aisle-store-profile.c: the 360° profile in one read, the phone-reveal log, and the checks
 * the tablet makes before queuing a change.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile is read in one transaction so the page never shows a half-applied pull. The
 * checks mirror the hub's rules (hub/aisle-hub-rules-*.c) on what the cache knows, so staff
 * hear "already used on 3 May at 台北信義店" at the counter instead of a rejection later;
 * the hub still decides, and anything the cache cannot know is left to it.
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include <string.h>

#include "aisle-store-private.h"
#include "aisle-store-profile.h"

void
aisle_profile_free (AisleProfile *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->member, aisle_member_free);
  g_clear_pointer (&self->binding, aisle_binding_free);
  g_clear_pointer (&self->consent, aisle_consent_free);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->reservations, g_ptr_array_unref);
  g_clear_pointer (&self->coupons, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->branch_names, g_hash_table_unref);
  g_clear_pointer (&self->staff_names, g_hash_table_unref);
  g_clear_pointer (&self->product_names, g_hash_table_unref);
  g_free (self);
}

/* The name of a store, or its id when the cache does not know it (a far-away store). */
const char *
aisle_profile_branch_name (const AisleProfile *self,
                           const char         *branch_id)
{
  const char *name;

  if (branch_id == NULL)
    return NULL;
  name = g_hash_table_lookup (self->branch_names, branch_id);
  return name != NULL ? name : branch_id;
}

/* The name of a staff member, or their id when the cache does not know them. */
const char *
aisle_profile_staff_name (const AisleProfile *self,
                          const char         *staff_id)
{
  const char *name;

  if (staff_id == NULL)
    return NULL;
  name = g_hash_table_lookup (self->staff_names, staff_id);
  return name != NULL ? name : staff_id;
}

static gboolean
ignore_not_found (GError **local_error,
                  GError **error)
{
  if (*local_error == NULL || g_error_matches (*local_error, AISLE_STORE_ERROR,
                                               AISLE_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (local_error);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (local_error));
  return FALSE;
}

static void
note_staff (AisleStore *self,
            GHashTable *names,
            const char *staff_id)
{
  g_autoptr(AisleStaff) staff = NULL;

  if (staff_id == NULL || g_hash_table_contains (names, staff_id))
    return;
  staff = aisle_store_get_staff (self, staff_id, NULL);
  if (staff != NULL)
    g_hash_table_insert (names, g_strdup (staff_id), g_strdup (staff->name));
}

static void
note_product (AisleStore *self,
              GHashTable *names,
              const char *product_id)
{
  g_autoptr(AisleProduct) product = NULL;

  if (product_id == NULL || g_hash_table_contains (names, product_id))
    return;
  product = aisle_store_get_product (self, product_id, NULL);
  if (product != NULL)
    g_hash_table_insert (names, g_strdup (product_id), g_strdup (product->name));
}

static int
compare_coupons (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const AisleCoupon *x = *(AisleCoupon * const *) a;
  const AisleCoupon *y = *(AisleCoupon * const *) b;
  gint64 now = *(gint64 *) user_data;
  gboolean ux = x->redeemed_at == 0 && x->valid_until > now;
  gboolean uy = y->redeemed_at == 0 && y->valid_until > now;

  if (ux != uy)
    return ux ? -1 : 1;
  /* Usable ones by what runs out first, the rest by the newest first. */
  if (ux)
    return x->valid_until < y->valid_until ? -1 : x->valid_until > y->valid_until;
  return x->valid_until > y->valid_until ? -1 : x->valid_until < y->valid_until;
}

static gboolean
load_profile_inner (AisleStore    *self,
                    AisleProfile  *profile,
                    const char    *member_id,
                    guint          max_orders,
                    gint64         now,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) branches = NULL;

  profile->member = aisle_store_get_member (self, member_id, error);
  if (profile->member == NULL)
    return FALSE;
  profile->points = profile->member->points;

  profile->binding = aisle_store_get_active_binding (self, member_id, &local_error);
  if (!ignore_not_found (&local_error, error))
    return FALSE;
  profile->consent = aisle_store_get_latest_consent (self, member_id, &local_error);
  if (!ignore_not_found (&local_error, error))
    return FALSE;

  if ((profile->orders = aisle_store_list_orders_for_member (self, member_id,
                                                             max_orders != 0 ? max_orders
                                                                             : G_MAXINT,
                                                             error)) == NULL ||
      (profile->reservations = aisle_store_list_open_reservations (self, member_id,
                                                                   error)) == NULL ||
      (profile->coupons = aisle_store_list_coupons_for_member (self, member_id, FALSE, now,
                                                               error)) == NULL ||
      (profile->notes = aisle_store_list_notes (self, member_id, error)) == NULL ||
      (profile->tags = aisle_store_list_member_tags (self, member_id, error)) == NULL)
    return FALSE;
  g_ptr_array_sort_with_data (profile->coupons, compare_coupons, &now);
  profile->phone_reveals = aisle_store_count_phone_reveals (self, member_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  branches = aisle_store_list_branches (self, error);
  if (branches == NULL)
    return FALSE;
  for (guint i = 0; i < branches->len; i++)
    {
      const AisleBranch *b = g_ptr_array_index (branches, i);

      g_hash_table_insert (profile->branch_names, g_strdup (b->id), g_strdup (b->name));
    }
  if (profile->binding != NULL)
    note_staff (self, profile->staff_names, profile->binding->staff_id);
  for (guint i = 0; i < profile->orders->len; i++)
    note_staff (self, profile->staff_names,
                ((AisleOrder *) g_ptr_array_index (profile->orders, i))->credited_staff_id);
  for (guint i = 0; i < profile->notes->len; i++)
    note_staff (self, profile->staff_names,
                ((AisleNote *) g_ptr_array_index (profile->notes, i))->staff_id);
  for (guint i = 0; i < profile->reservations->len; i++)
    note_product (self, profile->product_names,
                  ((AisleReservation *) g_ptr_array_index (profile->reservations, i))->product_id);
  return TRUE;
}

/**
 * aisle_store_load_profile:
 * @self: an #AisleStore
 * @member_id: the member's id
 * @max_orders: at most this many orders (the newest); 0 for all
 * @now: the current time, Unix seconds (orders the coupons)
 * @error: return location for a #GError
 *
 * Reads everything the tablet's profile shows, in one transaction.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set (%AISLE_STORE_ERROR_NOT_FOUND
 *   for an unknown member)
 */
/**
 * aisle_store_get_setting_int:
 * @self: an #AisleStore
 * @key: a hub setting devices receive ("binding_lock_days", "invoice_max_age_days", ...)
 * @fallback: the hub's default, for a device that has not pulled the setting yet
 *
 * Returns: the hub's value of @key as last pulled, or @fallback when there is none or it is
 *   not a whole number of at least zero
 */
gint64
aisle_store_get_setting_int (AisleStore *self,
                             const char *key,
                             gint64      fallback)
{
  g_autofree char *text = NULL;
  guint64 value;

  g_return_val_if_fail (AISLE_IS_STORE (self), fallback);
  g_return_val_if_fail (key != NULL, fallback);

  text = aisle_store_get_sync_state (self, key, NULL);
  if (text == NULL || !g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, G_MAXINT32,
                                                   &value, NULL))
    return fallback;
  return (gint64) value;
}

AisleProfile *
aisle_store_load_profile (AisleStore  *self,
                          const char  *member_id,
                          guint        max_orders,
                          gint64       now,
                          GError     **error)
{
  g_autoptr(AisleProfile) profile = g_new0 (AisleProfile, 1);

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  profile->branch_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  profile->staff_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  profile->product_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!aisle_store_begin (self, error))
    return NULL;
  if (!load_profile_inner (self, profile, member_id, max_orders, now, error))
    {
      aisle_store_rollback (self);
      return NULL;
    }
  if (!aisle_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&profile);
}

/* --- phone reveals ------------------------------------------------------------------------- */

/**
 * aisle_store_log_phone_reveal:
 * @self: an #AisleStore
 * @member_id: whose phone number was shown in full
 * @staff_id: who asked for it
 * @at: when, Unix seconds
 * @error: return location for a #GError
 *
 * Appends to the device's phone-reveal log (append-only, 005-tablet.sql) and, in the same
 * transaction, queues the `audit.phone_reveal` mutation that records it in the hub's audit
 * (committed durably, as every mutation is): a reveal made offline reaches the hub too.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_log_phone_reveal (AisleStore  *self,
                              const char  *member_id,
                              const char  *staff_id,
                              gint64       at,
                              GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *args = NULL;
  gboolean outermost, ok;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);

  if (!_aisle_require_id (member_id, "member id", error) ||
      !_aisle_require_id (staff_id, "staff id", error))
    return FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "member_id");
  json_builder_add_string_value (builder, member_id);
  json_builder_set_member_name (builder, "at");
  json_builder_add_int_value (builder, at);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  args = json_generator_to_data (generator, NULL);

  outermost = aisle_store_get_transaction_depth (self) == 0;
  if (outermost)
    aisle_store_set_durable (self, TRUE);
  ok = aisle_store_begin (self, error);
  if (ok)
    {
      stmt = _aisle_store_prepare (self,
                                   "INSERT INTO phone_reveals (member_id, staff_id, at) "
                                   "VALUES (?1, ?2, ?3)", error);
      ok = stmt != NULL;
    }
  if (ok)
    {
      _aisle_bind_text (stmt, 1, member_id);
      _aisle_bind_text (stmt, 2, staff_id);
      sqlite3_bind_int64 (stmt, 3, at);
      ok = _aisle_store_step_done (self, stmt, "logging a phone reveal", error) &&
           aisle_store_outbox_append (self, "audit.phone_reveal", args, staff_id, at, error) > 0 &&
           aisle_store_commit (self, error);
      if (!ok)
        aisle_store_rollback (self);
    }
  if (outermost)
    aisle_store_set_durable (self, FALSE);
  return ok;
}

guint
aisle_store_count_phone_reveals (AisleStore  *self,
                                 const char  *member_id,
                                 GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), 0);

  stmt = _aisle_store_prepare (self, "SELECT count(*) FROM phone_reveals WHERE member_id = ?1",
                               error);
  if (stmt == NULL)
    return 0;
  _aisle_bind_text (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _aisle_store_set_error (self, rc, "counting phone reveals", error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* --- checks -------------------------------------------------------------------------------- */

/**
 * aisle_store_check_binding:
 * @self: an #AisleStore
 * @member_id: the member
 * @staff: the signed-in staff member
 * @associate_id: (nullable): whom to bind the member to, %NULL for @staff
 * @now: the current time
 * @out_active: (out) (optional) (transfer full): the member's active binding, if any
 * @error: return location for a #GError
 *
 * The hub's binding.create rules on the cache's view (the lock period is the hub's
 * binding_lock_days as last pulled, %AISLE_BINDING_LOCK_DAYS before). On a cache error returns
 * %AISLE_BIND_OK with @error set.
 */
AisleBindCheck
aisle_store_check_binding (AisleStore        *self,
                           const char        *member_id,
                           const AisleStaff  *staff,
                           const char        *associate_id,
                           gint64             now,
                           AisleBinding     **out_active,
                           GError           **error)
{
  g_autoptr(AisleBinding) active = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean manager;
  AisleBindCheck check = AISLE_BIND_OK;
  gint64 lock_days;

  g_return_val_if_fail (AISLE_IS_STORE (self), AISLE_BIND_OK);
  g_return_val_if_fail (staff != NULL, AISLE_BIND_OK);

  if (associate_id == NULL)
    associate_id = staff->id;
  manager = staff->role == AISLE_STAFF_ROLE_MANAGER;
  active = aisle_store_get_active_binding (self, member_id, &local_error);
  if (!ignore_not_found (&local_error, error))
    return AISLE_BIND_OK;

  if (g_strcmp0 (associate_id, staff->id) != 0 && !manager)
    check = AISLE_BIND_NEEDS_MANAGER;
  else if (active != NULL && g_strcmp0 (active->staff_id, associate_id) == 0)
    check = AISLE_BIND_ALREADY_YOURS;
  else if (active != NULL && !manager)
    {
      lock_days = aisle_store_get_setting_int (self, "binding_lock_days", AISLE_BINDING_LOCK_DAYS);
      if (now < active->since + lock_days * 86400)
        check = AISLE_BIND_LOCKED;
    }

  if (out_active != NULL)
    *out_active = g_steal_pointer (&active);
  return check;
}

/**
 * aisle_store_check_coupon:
 * @self: an #AisleStore
 * @code: the coupon code as printed ("AC-...")
 * @member_id: (nullable): the member at the counter
 * @now: the current time
 * @out_coupon: (out) (optional) (transfer full): the coupon, when the cache has it
 * @error: return location for a #GError
 *
 * Whether the coupon may be redeemed for @member_id, by the cache's records.
 */
AisleCouponCheck
aisle_store_check_coupon (AisleStore   *self,
                          const char   *code,
                          const char   *member_id,
                          gint64        now,
                          AisleCoupon **out_coupon,
                          GError      **error)
{
  g_autoptr(AisleCoupon) coupon = NULL;
  g_autoptr(GError) local_error = NULL;
  AisleCouponCheck check;

  g_return_val_if_fail (AISLE_IS_STORE (self), AISLE_COUPON_UNKNOWN);
  g_return_val_if_fail (code != NULL, AISLE_COUPON_UNKNOWN);

  coupon = aisle_store_get_coupon (self, code, &local_error);
  if (coupon == NULL)
    {
      ignore_not_found (&local_error, error);
      return AISLE_COUPON_UNKNOWN;
    }
  if (coupon->redeemed_at != 0)
    check = AISLE_COUPON_REDEEMED;
  else if (coupon->member_id != NULL && member_id != NULL &&
           g_strcmp0 (coupon->member_id, member_id) != 0)
    check = AISLE_COUPON_OTHER_MEMBER;
  else if (coupon->valid_from != 0 && now < coupon->valid_from)
    check = AISLE_COUPON_NOT_YET_VALID;
  else if (coupon->valid_until != 0 && now >= coupon->valid_until)
    check = AISLE_COUPON_EXPIRED;
  else
    check = AISLE_COUPON_OK;

  if (out_coupon != NULL)
    *out_coupon = g_steal_pointer (&coupon);
  return check;
}

/* ROC yyyMMdd (民國) to Unix seconds at midnight, Taiwan time; -1 if not a date. */
static gint64
roc_date_to_unix (const char *roc)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (roc == NULL || strlen (roc) != 7)
    return -1;
  for (int i = 0; i < 7; i++)
    if (!g_ascii_isdigit (roc[i]))
      return -1;
  year = (roc[0] - '0') * 100 + (roc[1] - '0') * 10 + (roc[2] - '0') + 1911;
  month = (roc[3] - '0') * 10 + (roc[4] - '0');
  day = (roc[5] - '0') * 10 + (roc[6] - '0');
  if (!g_date_valid_dmy (day, month, year))
    return -1;
  date = g_date_time_new (tz, year, month, day, 0, 0, 0);
  return date != NULL ? g_date_time_to_unix (date) : -1;
}

/**
 * aisle_store_check_invoice:
 * @self: an #AisleStore
 * @number: the e-invoice number ("AB12345678")
 * @roc_date: its date as printed, ROC yyyMMdd
 * @seller_id: the seller's 統一編號
 * @member_id: the member registering it
 * @now: the current time
 * @error: return location for a #GError
 *
 * The hub's invoice.register rules on the cache's view: registered once, at most the hub's
 * invoice_max_age_days old (%AISLE_INVOICE_MAX_AGE_DAYS until the setting is pulled), not dated in the future, and (when the cache has the
 * retailer's seller ids in sync_state "own_seller_ids") one of the retailer's own.
 */
AisleInvoiceCheck
aisle_store_check_invoice (AisleStore  *self,
                           const char  *number,
                           const char  *roc_date,
                           const char  *seller_id,
                           const char  *member_id,
                           gint64       now,
                           GError     **error)
{
  g_autoptr(AisleInvoice) known = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *own = NULL;
  gint64 date;

  g_return_val_if_fail (AISLE_IS_STORE (self), AISLE_INVOICE_OK);
  g_return_val_if_fail (number != NULL, AISLE_INVOICE_OK);

  known = aisle_store_get_invoice (self, number, &local_error);
  if (!ignore_not_found (&local_error, error))
    return AISLE_INVOICE_OK;
  if (known != NULL && known->member_id != NULL)
    return g_strcmp0 (known->member_id, member_id) == 0 ? AISLE_INVOICE_ALREADY_YOURS
                                                        : AISLE_INVOICE_TAKEN;
  date = roc_date_to_unix (roc_date);
  if (date >= 0 && date < now - aisle_store_get_setting_int (self, "invoice_max_age_days",
                                                              AISLE_INVOICE_MAX_AGE_DAYS) * 86400)
    return AISLE_INVOICE_TOO_OLD;
  if (date >= 0 && date > now + 86400)
    return AISLE_INVOICE_FUTURE;

  own = aisle_store_get_sync_state (self, "own_seller_ids", NULL);
  if (own != NULL && *own != '\0' && seller_id != NULL)
    {
      g_auto(GStrv) sellers = g_strsplit (own, ",", -1);

      for (guint i = 0; sellers[i] != NULL; i++)
        g_strstrip (sellers[i]);
      if (!g_strv_contains ((const char * const *) sellers, seller_id))
        return AISLE_INVOICE_FOREIGN_SELLER;
    }
  return AISLE_INVOICE_OK;
}
