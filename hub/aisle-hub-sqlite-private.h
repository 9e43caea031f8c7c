/* aisle-hub-sqlite-private.h: shared by the SQLite backend, its rules and the admin CLI.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub opens its file with core's AisleStore, so the entity tables, their typed calls and
 * the demo generator are the cache's; the hub's own tables (data/sql/hub/) sit beside them on
 * the same connection, so one transaction covers an entity write and the device's
 * last_mutation_id. core exposes that connection (and nothing else of its internals) in
 * aisle-store-sqlite.h.
 */

#pragma once

#include <sqlite3.h>

#include "aisle-demo.h"
#include "aisle-hub-db.h"
#include "aisle-store-sqlite.h"

G_BEGIN_DECLS

typedef struct _AisleHubCheckpointer AisleHubCheckpointer;

typedef struct
{
  AisleHubDb   parent;
  AisleStore  *store;
  sqlite3     *db;            /* borrowed from store */
  GHashTable  *last_seen;     /* device id -> gint64, written by the upkeep */
  gint64       tiers_checked; /* Unix seconds the last sweep of lapsed tiers began (upkeep) */
  gboolean     tier_sweeping; /* a sweep is under way, in steps */
  char        *tier_swept_to; /* the last member id its steps have done, NULL before the first */
  AisleHubCheckpointer *checkpointer;  /* serving hubs only, nullable */
} AisleHubSqlite;

static inline char *
aisle_hub_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gboolean        aisle_hub_sqlite_flush_last_seen (AisleHubSqlite *self,
                                                  GError        **error);
/* aisle-hub-upkeep.c: records a call in memory (written by the upkeep). */
void            aisle_hub_sqlite_note_seen       (AisleHubSqlite *self,
                                                  const char     *device_id,
                                                  gint64          now);
/* Re-derives @member_id's tier from its 12-month spend (003-upkeep.sql); no write if unchanged. */
gboolean        aisle_hub_update_tier            (AisleHubSqlite *self,
                                                  const char     *member_id,
                                                  gint64          now,
                                                  GError        **error);
/* Every member's tier from their spend in the window, at once (`admin tiers`, seed-demo). */
gboolean        aisle_hub_retier_all             (AisleHubSqlite *self,
                                                  gint64          now,
                                                  guint          *out_changed,
                                                  GError        **error);
/* aisle-hub-upkeep.c: WAL checkpoints off the committing thread (serving hubs). */
AisleHubCheckpointer *aisle_hub_checkpointer_start (AisleHubSqlite       *hub,
                                                    GError              **error);
void                  aisle_hub_checkpointer_stop  (AisleHubCheckpointer *self);
gboolean        aisle_hub_exec                   (AisleHubSqlite *self,
                                                  const char     *sql,
                                                  GError        **error);
AisleHubSqlite *aisle_hub_sqlite_open           (const char      *path,
                                                 GError         **error);
gint64          aisle_hub_sqlite_get_setting_int (AisleHubSqlite *self,
                                                  const char     *key,
                                                  gint64          fallback);
char           *aisle_hub_sqlite_get_setting     (AisleHubSqlite *self,
                                                  const char     *key);
gboolean        aisle_hub_sqlite_set_setting     (AisleHubSqlite *self,
                                                  const char     *key,
                                                  const char     *value,
                                                  GError        **error);
char           *aisle_hub_hash_secret            (const char     *secret);
/* Creates a one-time pairing code for a device of @store_id in @mode; returns the code. */
char           *aisle_hub_sqlite_create_pairing_code (AisleHubSqlite *self,
                                                      const char     *store_id,
                                                      const char     *mode,
                                                      gint64          now,
                                                      GError        **error);
GPtrArray      *aisle_hub_sqlite_list_devices    (AisleHubSqlite *self,
                                                  GError        **error);
gboolean        aisle_hub_sqlite_revoke_device   (AisleHubSqlite *self,
                                                  const char     *device_id,
                                                  GError        **error);

/* --- rules (aisle-hub-rules-*.c) ----------------------------------------------------------- */

typedef struct
{
  AisleHubSqlite       *hub;
  const AisleHubDevice *device;
  const AisleMutation  *mutation;
  JsonObject           *args;
  AisleStaff           *staff;     /* the acting staff, checked; NULL for self-service */
  gint64                now;
  AisleMutationResult  *result;    /* status "applied" unless a rule rejects */
} AisleHubRuleContext;

/* A rule returns FALSE with @error only for infrastructure failures (the batch stops);
 * a business rejection is aisle_hub_reject() and TRUE. */
typedef gboolean (*AisleHubRuleFunc) (AisleHubRuleContext  *ctx,
                                      GError              **error);

typedef enum
{
  AISLE_HUB_RULE_ANY_DEVICE = 0,
  AISLE_HUB_RULE_TABLET     = 1 << 0,    /* kiosks may not send it */
  AISLE_HUB_RULE_STAFF      = 1 << 1,    /* needs an active staff member of the device's store */
} AisleHubRuleFlags;

typedef struct
{
  const char        *name;
  AisleHubRuleFunc   func;
  AisleHubRuleFlags  flags;
  const char * const *fields;   /* the args it accepts */
} AisleHubRule;

const AisleHubRule *aisle_hub_rules_lookup     (const char           *name);

/* Shorthands for a rule reading its args (ctx->args): a wrong type or a missing required field
 * is a rejection ("invalid"), not a failure. */
#define ARG_STR(name, required, out)                                              \
  G_STMT_START {                                                                  \
    g_autoptr(GError) e_ = NULL;                                                  \
    out = aisle_protocol_get_string (ctx->args, name, required, &e_);             \
    if (e_ != NULL)                                                               \
      return aisle_hub_reject (ctx, "invalid", "%s", e_->message);                \
  } G_STMT_END
#define ARG_INT(name, required, out)                                              \
  G_STMT_START {                                                                  \
    g_autoptr(GError) e_ = NULL;                                                  \
    if (!aisle_protocol_get_int (ctx->args, name, required, &out, &e_))           \
      return aisle_hub_reject (ctx, "invalid", "%s", e_->message);                \
  } G_STMT_END

gboolean  aisle_hub_reject                     (AisleHubRuleContext  *ctx,
                                                const char           *code,
                                                const char           *format,
                                                ...) G_GNUC_PRINTF (3, 4);
/* Store errors that mean "your data is wrong" become rejections; the rest stop the batch. */
gboolean  aisle_hub_reject_or_fail             (AisleHubRuleContext  *ctx,
                                                GError               *store_error,
                                                GError              **error);
/* The member a device's id names: itself, or the member it is an alias of; NULL if none. */
char     *aisle_hub_resolve_member             (AisleHubSqlite       *hub,
                                                const char           *member_id,
                                                GError              **error);
gboolean  aisle_hub_add_points                 (AisleHubSqlite       *hub,
                                                const char           *member_id,
                                                gint64                delta,
                                                const char           *reason,
                                                gint64                at,
                                                GError              **error);
gboolean  aisle_hub_step                       (AisleHubSqlite       *hub,
                                                sqlite3_stmt         *stmt,
                                                GError              **error);

/* Entry points of the rules files. */
gboolean  aisle_hub_rule_member_enrol          (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_consent_withdraw      (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_binding_create        (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_note_add              (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_tag_set               (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_coupon_redeem         (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_invoice_register      (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_reservation_create    (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_reservation_cancel    (AisleHubRuleContext *ctx, GError **error);
gboolean  aisle_hub_rule_audit_phone_reveal    (AisleHubRuleContext *ctx, GError **error);

/* aisle-hub-import.c: one file in one transaction; errors name the line. */
gboolean  aisle_hub_import_file                (AisleHubSqlite       *hub,
                                                const char           *kind,
                                                const char           *path,
                                                guint                *out_imported,
                                                guint                *out_unchanged,
                                                GError              **error);

/* aisle-hub-seed.c */
gboolean  aisle_hub_seed_demo                  (AisleHubSqlite          *hub,
                                                const AisleDemoOptions  *options,
                                                AisleDemoStats          *stats,
                                                GError                 **error);
gboolean  aisle_hub_sqlite_restore_triggers    (AisleHubSqlite          *hub,
                                                gboolean                 warn,
                                                GError                 **error);

/* aisle-hub-ingest.c */
char     *aisle_hub_sqlite_ingest_order        (AisleHubSqlite       *hub,
                                                const AisleHubIngest *ingest,
                                                GError              **error);

G_END_DECLS
