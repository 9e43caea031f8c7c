/* aisle-hub-server.h: the hub's HTTP server (libsoup SoupServer) and its DB worker.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "aisle-hub-db.h"

G_BEGIN_DECLS

typedef struct _AisleHubServer AisleHubServer;

/* Takes ownership of @db, which from now on is used only on the server's worker thread. */
AisleHubServer *aisle_hub_server_new       (AisleHubDb       *db);
/* @address is "ADDR:PORT" (port 0 picks a free one). Plain HTTP is refused on a non-loopback
 * address unless @allow_insecure_remote; with @certificate the server speaks HTTPS only. */
gboolean        aisle_hub_server_listen    (AisleHubServer   *self,
                                            const char       *address,
                                            GTlsCertificate  *certificate,
                                            gboolean          allow_insecure_remote,
                                            GError          **error);
guint16         aisle_hub_server_get_port  (AisleHubServer   *self);
/* Stops taking new requests (503) and calls @done on the main context once the requests in
 * flight have finished. */
void            aisle_hub_server_shutdown  (AisleHubServer   *self,
                                            GSourceFunc       done,
                                            gpointer          user_data);
void            aisle_hub_server_free      (AisleHubServer   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleHubServer, aisle_hub_server_free)

G_END_DECLS
