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

  /* filled by the worker */
  AisleHubDevice     *device;
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

/* Route handlers (aisle-hub-routes-*.c): each either finishes the request or runs a job. */
void   aisle_hub_route_pair          (AisleHubRequest *request);
void   aisle_hub_route_push          (AisleHubRequest *request);
void   aisle_hub_route_pull          (AisleHubRequest *request);
void   aisle_hub_route_members       (AisleHubRequest *request);
void   aisle_hub_route_ingest        (AisleHubRequest *request);
void   aisle_hub_route_reports       (AisleHubRequest *request);
void   aisle_hub_route_healthz       (AisleHubRequest *request);
void   aisle_hub_route_metrics       (AisleHubRequest *request);

G_END_DECLS
