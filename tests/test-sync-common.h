/* test-sync-common.h: a device (cache + worker + sync client) for the sync tests and helper.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-store-sqlite.h"
#include "aisle-sync.h"

G_BEGIN_DECLS

typedef struct
{
  char            *path;
  AisleWorker     *worker;
  AisleSyncClient *client;
} Device;

Device   *device_open    (const char       *path,
                          SoupSession      *session);
void      device_close   (Device           *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Device, device_close)

gboolean  device_pair    (Device           *d,
                          const char       *hub_url,
                          const char       *code,
                          GError          **error);
gboolean  device_sync    (Device           *d,
                          GError          **error);
gint64    device_mutate  (Device           *d,
                          const char       *name,
                          const char       *args_json,
                          const char       *staff_id,
                          GError          **error);
/* Queues member.enrol of @id (@name, @phone, privacy consent given) by @staff_id; asserts. */
void      device_enrol   (Device           *d,
                          const char       *id,
                          const char       *name,
                          const char       *phone,
                          const char       *staff_id);
/* Runs @func on the device's worker and waits. */
gpointer  device_run     (Device           *d,
                          AisleWorkerFunc   func,
                          gpointer          data,
                          GError          **error);
gint64    device_query_int (Device         *d,
                            const char     *sql);
/* The @i-th mutation (from 1) of test device @dev: a mix of enrolments, bindings, coupon
 * redemptions and invoice registrations that the hub applies; deterministic, so a restarted
 * helper makes exactly what the killed one would have. */
char     *make_mutation  (guint             dev,
                          gint64            i,
                          const char      **out_name);
char     *coupon_code    (guint             dev,
                          gint64            i);

G_END_DECLS
