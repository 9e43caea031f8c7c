/* aisle-store.h: the device cache, one SQLite file (WAL) per device.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AisleStore wraps one sqlite3 connection and is not thread-safe: use it from one thread
 * (the app gives it to an AisleWorker; tests and CLIs use it directly). No SQL leaves core/.
 *
 * Conventions of the typed API below:
 * - upserts insert or replace the record named by its id and return %FALSE with @error set on
 *   failure; gets return a new record or %NULL with %AISLE_STORE_ERROR_NOT_FOUND;
 * - lists return a #GPtrArray whose free function is set (never %NULL on success, possibly
 *   empty);
 * - every call that writes more than one row runs in a transaction (nested in the caller's,
 *   as a savepoint, when one is open).
 */

#pragma once

#include <gio/gio.h>

#include "aisle-model.h"

G_BEGIN_DECLS

#define AISLE_STORE_ERROR (aisle_store_error_quark ())

typedef enum
{
  AISLE_STORE_ERROR_FAILED,
  AISLE_STORE_ERROR_CORRUPT,      /* not a database, or fails its check: moved aside, never deleted */
  AISLE_STORE_ERROR_TOO_NEW,      /* written by a newer Aisle: schema version above ours */
  AISLE_STORE_ERROR_NOT_FOUND,
  AISLE_STORE_ERROR_CONSTRAINT,   /* a uniqueness or reference rule refused the write */
  AISLE_STORE_ERROR_BUSY,
  AISLE_STORE_ERROR_FULL,         /* the disk is full */
  AISLE_STORE_ERROR_INVALID,      /* an argument the API refuses (empty id, bad enum) */
} AisleStoreError;

typedef enum
{
  AISLE_STORE_OPEN_NONE = 0,
  AISLE_STORE_OPEN_READONLY = 1 << 0,
  /* Bulk loading (demo generator, initial sync): synchronous=OFF until closed. The demo
   * generator also loads with the journal in memory and foreign-key checks off. */
  AISLE_STORE_OPEN_BULK = 1 << 1,
  /* Run the full PRAGMA quick_check on open (cost grows with the file: about a second for a
   * 1M-member cache). Without it, open still checks the header, the size and the schema. */
  AISLE_STORE_OPEN_CHECK = 1 << 2,
} AisleStoreOpenFlags;

/* What a member search matched on, for the UI to explain a result. */
typedef enum
{
  AISLE_MEMBER_QUERY_NONE,
  AISLE_MEMBER_QUERY_NUMBER,
  AISLE_MEMBER_QUERY_PHONE,
  AISLE_MEMBER_QUERY_PHONE_SUFFIX,
  AISLE_MEMBER_QUERY_NAME,
} AisleMemberQueryKind;

#define AISLE_TYPE_STORE (aisle_store_get_type ())

G_DECLARE_FINAL_TYPE (AisleStore, aisle_store, AISLE, STORE, GObject)

GQuark        aisle_store_error_quark                (void);
GResource    *aisle_store_get_resource               (void);

/* --- connection ---------------------------------------------------------------------------- */

AisleStore   *aisle_store_open                       (const char           *path,
                                                      AisleStoreOpenFlags   flags,
                                                      GError              **error);
const char   *aisle_store_get_path                   (AisleStore           *self);
int           aisle_store_get_schema_version         (AisleStore           *self);
int           aisle_store_get_latest_schema_version  (void);
void          aisle_store_set_durable                (AisleStore           *self,
                                                      gboolean              durable);
gboolean      aisle_store_checkpoint                 (AisleStore           *self,
                                                      GError              **error);

gboolean      aisle_store_begin                      (AisleStore           *self,
                                                      GError              **error);
gboolean      aisle_store_commit                     (AisleStore           *self,
                                                      GError              **error);
void          aisle_store_rollback                   (AisleStore           *self);
guint         aisle_store_get_transaction_depth      (AisleStore           *self);

/* --- stores (branches) and staff ----------------------------------------------------------- */

gboolean      aisle_store_upsert_branch              (AisleStore           *self,
                                                      const AisleBranch    *branch,
                                                      GError              **error);
AisleBranch  *aisle_store_get_branch                 (AisleStore           *self,
                                                      const char           *id,
                                                      GError              **error);
GPtrArray    *aisle_store_list_branches              (AisleStore           *self,
                                                      GError              **error);
GPtrArray    *aisle_store_list_branches_near         (AisleStore           *self,
                                                      double                latitude,
                                                      double                longitude,
                                                      GError              **error);
double        aisle_distance_km                      (double                lat1,
                                                      double                lon1,
                                                      double                lat2,
                                                      double                lon2);

gboolean      aisle_store_upsert_staff               (AisleStore           *self,
                                                      const AisleStaff     *staff,
                                                      GError              **error);
AisleStaff   *aisle_store_get_staff                  (AisleStore           *self,
                                                      const char           *id,
                                                      GError              **error);
GPtrArray    *aisle_store_list_staff                 (AisleStore           *self,
                                                      const char           *branch_id,
                                                      gboolean              active_only,
                                                      GError              **error);
GPtrArray    *aisle_store_search_staff               (AisleStore           *self,
                                                      const char           *branch_id,
                                                      const char           *query,
                                                      guint                 limit,
                                                      GError              **error);

/* --- members ------------------------------------------------------------------------------- */

gboolean      aisle_store_upsert_member              (AisleStore           *self,
                                                      const AisleMember    *member,
                                                      GError              **error);
AisleMember  *aisle_store_get_member                 (AisleStore           *self,
                                                      const char           *id,
                                                      GError              **error);
AisleMember  *aisle_store_get_member_by_number       (AisleStore           *self,
                                                      const char           *number,
                                                      GError              **error);
AisleMember  *aisle_store_get_member_by_phone        (AisleStore           *self,
                                                      const char           *phone,
                                                      GError              **error);
gboolean      aisle_store_touch_member               (AisleStore           *self,
                                                      const char           *id,
                                                      gint64                at,
                                                      GError              **error);
gint64        aisle_store_count_members              (AisleStore           *self,
                                                      GError              **error);

gboolean      aisle_store_append_consent             (AisleStore           *self,
                                                      const AisleConsent   *consent,
                                                      gint64               *out_seq,
                                                      GError              **error);
GPtrArray    *aisle_store_list_consents              (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);
AisleConsent *aisle_store_get_latest_consent         (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);

gboolean      aisle_store_create_binding             (AisleStore           *self,
                                                      const AisleBinding   *binding,
                                                      GError              **error);
gboolean      aisle_store_end_binding                (AisleStore           *self,
                                                      const char           *binding_id,
                                                      gint64                until,
                                                      GError              **error);
AisleBinding *aisle_store_get_active_binding         (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);
GPtrArray    *aisle_store_list_bindings              (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);

gboolean      aisle_store_add_note                   (AisleStore           *self,
                                                      const AisleNote      *note,
                                                      GError              **error);
GPtrArray    *aisle_store_list_notes                 (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);

gboolean      aisle_store_set_member_tags            (AisleStore           *self,
                                                      const char           *member_id,
                                                      const char * const   *tags,
                                                      GError              **error);
GStrv         aisle_store_list_member_tags           (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);

/* --- products and stock -------------------------------------------------------------------- */

gboolean      aisle_store_upsert_product             (AisleStore           *self,
                                                      const AisleProduct   *product,
                                                      GError              **error);
AisleProduct *aisle_store_get_product                (AisleStore           *self,
                                                      const char           *id,
                                                      GError              **error);
AisleProduct *aisle_store_get_product_by_barcode     (AisleStore           *self,
                                                      const char           *barcode,
                                                      GError              **error);

gboolean      aisle_store_set_stock                  (AisleStore           *self,
                                                      const AisleStock     *stock,
                                                      GError              **error);
GPtrArray    *aisle_store_list_stock                 (AisleStore           *self,
                                                      const char           *product_id,
                                                      GError              **error);

/* --- orders, points, coupons, invoices, reservations --------------------------------------- */

gboolean      aisle_store_upsert_order               (AisleStore           *self,
                                                      const AisleOrder     *order,
                                                      GError              **error);
AisleOrder   *aisle_store_get_order                  (AisleStore           *self,
                                                      const char           *id,
                                                      GError              **error);
GPtrArray    *aisle_store_list_orders_for_member     (AisleStore           *self,
                                                      const char           *member_id,
                                                      guint                 limit,
                                                      GError              **error);

gboolean      aisle_store_append_points              (AisleStore             *self,
                                                      const AislePointsEntry *entry,
                                                      GError                **error);
gint64        aisle_store_get_points_balance         (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);
GPtrArray    *aisle_store_list_points                (AisleStore           *self,
                                                      const char           *member_id,
                                                      guint                 limit,
                                                      GError              **error);

gboolean      aisle_store_upsert_coupon              (AisleStore           *self,
                                                      const AisleCoupon    *coupon,
                                                      GError              **error);
AisleCoupon  *aisle_store_get_coupon                 (AisleStore           *self,
                                                      const char           *code,
                                                      GError              **error);
GPtrArray    *aisle_store_list_coupons_for_member    (AisleStore           *self,
                                                      const char           *member_id,
                                                      gboolean              usable_only,
                                                      gint64                now,
                                                      GError              **error);
gboolean      aisle_store_redeem_coupon              (AisleStore           *self,
                                                      const char           *code,
                                                      const char           *branch_id,
                                                      gint64                at,
                                                      GError              **error);

gboolean      aisle_store_upsert_invoice             (AisleStore           *self,
                                                      const AisleInvoice   *invoice,
                                                      GError              **error);
AisleInvoice *aisle_store_get_invoice                (AisleStore           *self,
                                                      const char           *number,
                                                      GError              **error);

gboolean      aisle_store_upsert_reservation         (AisleStore             *self,
                                                      const AisleReservation *reservation,
                                                      GError                **error);
AisleReservation *aisle_store_get_reservation        (AisleStore           *self,
                                                      const char           *id,
                                                      GError              **error);
GPtrArray    *aisle_store_list_open_reservations     (AisleStore           *self,
                                                      const char           *member_id,
                                                      GError              **error);

/* --- outbox and sync state ----------------------------------------------------------------- */

gint64        aisle_store_outbox_append              (AisleStore           *self,
                                                      const char           *name,
                                                      const char           *args_json,
                                                      const char           *staff_id,
                                                      gint64                created_at,
                                                      GError              **error);
GPtrArray    *aisle_store_outbox_list                (AisleStore           *self,
                                                      gint64                after_id,
                                                      guint                 limit,
                                                      GError              **error);
gint64        aisle_store_outbox_count               (AisleStore           *self,
                                                      GError              **error);
gboolean      aisle_store_outbox_delete_through      (AisleStore           *self,
                                                      gint64                id,
                                                      GError              **error);

char         *aisle_store_get_sync_state             (AisleStore           *self,
                                                      const char           *key,
                                                      GError              **error);
gboolean      aisle_store_set_sync_state             (AisleStore           *self,
                                                      const char           *key,
                                                      const char           *value,
                                                      GError              **error);

/* --- search -------------------------------------------------------------------------------- */

/* Search (see docs/architecture.md, "Search"). Results are capped at @limit and ordered by
 * recent activity, never by ranking the whole match set.
 * Members: a phone number (full, or its last 3-4 digits), a member number, or a name
 * (surname alone 王, given name 小明, or the full name). Products: a barcode, a name or a brand. */
AisleMemberQueryKind aisle_member_query_classify    (const char           *query);
GPtrArray    *aisle_store_search_members             (AisleStore           *self,
                                                      const char           *query,
                                                      guint                 limit,
                                                      GError              **error);
GPtrArray    *aisle_store_search_products            (AisleStore           *self,
                                                      const char           *query,
                                                      guint                 limit,
                                                      GError              **error);

/* Name helpers, shared with the hub so both sides split names the same way. */
char         *aisle_name_surname                     (const char           *name);
GPtrArray    *aisle_name_tokens                      (const char           *name);

G_END_DECLS
