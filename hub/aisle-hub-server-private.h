/* aisle-hub-server-private.h: what the route files share with the server.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "aisle-hub-server.h"

G_BEGIN_DECLS

typedef struct _AisleHubRequest AisleHubRequest;

typedef struct _AisleHubAuthCache AisleHubAuthCache;

/* Runs on the DB worker thread; fills the request's status and body. */
typedef void (*AisleHubJobFunc) (AisleHubRequest *request,
                                 AisleHubDb      *db);

struct _AisleHubRequest
{
  AisleHubServer     *server;
  SoupServerMessage  *msg;           /* owned ref */
  const char         *route;         /* static: the metrics label */
  gint64              started_us;
  gint64              now;           /* Unix seconds when the request arrived */

  /* inputs, parsed on the main thread */
  char               *token;         /* bearer token, never logged */
  GHashTable         *query;         /* owned, nullable */
  GBytes             *body;          /* owned, nullable */
  gpointer            data;          /* route-specific, freed with data_free */
  GDestroyNotify      data_free;
  gboolean            auth_required;
  /* runs in a thread pool after the DB job, for slow work that needs no database (argon2id) */
  void              (*offload)       (AisleHubRequest *request);

  /* filled by the worker */
  AisleHubDevice     *device;        /* with last_mutation_id as of the response */
  gint64              auth_epoch;    /* the revocation counter before the worker authenticated */
  guint               status;
  char               *response;      /* JSON or text */
  const char         *content_type;
  GPtrArray          *results;       /* mutation results, for metrics */
  guint               pull_rows;
};

void   aisle_hub_request_run         (AisleHubRequest *request,
                                      AisleHubJobFunc  func);
void   aisle_hub_request_fail        (AisleHubRequest *request,
                                      guint            status,
                                      const char      *code,
                                      const char      *message);
void   aisle_hub_request_fail_error  (AisleHubRequest *request,
                                      const GError    *error);
void   aisle_hub_request_ok          (AisleHubRequest *request,
                                      char            *json);
/* Answers at once on the main thread (no DB work) and frees @request. */
void   aisle_hub_request_finish      (AisleHubRequest *request);
char  *aisle_hub_server_metrics_text (AisleHubServer  *self);
/* Answers an empty pull on the main thread if the device is cached and @cursor is at the end
 * of the change log; returns FALSE (request untouched) otherwise. */
gboolean aisle_hub_server_try_empty_pull (AisleHubRequest *request,
                                          gint64           cursor);
/* Hands the fast path's last-seen times to the worker (queued before any later job). */
void   aisle_hub_server_flush_seen   (AisleHubServer  *self);

/* aisle-hub-auth-cache.c (main thread only) */
AisleHubAuthCache    *aisle_hub_auth_cache_new       (void);
void                  aisle_hub_auth_cache_free      (AisleHubAuthCache    *self);
const AisleHubDevice *aisle_hub_auth_cache_lookup    (AisleHubAuthCache    *self,
                                                      const char           *token,
                                                      gint64                epoch,
                                                      gint64                now);
void                  aisle_hub_auth_cache_store     (AisleHubAuthCache    *self,
                                                      const char           *token,
                                                      const AisleHubDevice *device,
                                                      gint64                epoch);
void                  aisle_hub_auth_cache_clear     (AisleHubAuthCache    *self);
void                  aisle_hub_auth_cache_forget    (AisleHubAuthCache    *self,
                                                      const char           *token);
GHashTable           *aisle_hub_auth_cache_take_seen (AisleHubAuthCache    *self);

/* Route handlers (aisle-hub-routes-*.c): each either finishes the request or runs a job. */
void   aisle_hub_route_pair          (AisleHubRequest *request);
void   aisle_hub_route_push          (AisleHubRequest *request);
void   aisle_hub_route_pull          (AisleHubRequest *request);
void   aisle_hub_route_members       (AisleHubRequest *request);
void   aisle_hub_route_coupons       (AisleHubRequest *request);
void   aisle_hub_route_ingest        (AisleHubRequest *request);
void   aisle_hub_route_reports       (AisleHubRequest *request);
void   aisle_hub_route_healthz       (AisleHubRequest *request);
void   aisle_hub_route_metrics       (AisleHubRequest *request);

G_END_DECLS
