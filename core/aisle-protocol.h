/* aisle-protocol.h: the sync wire format (DESIGN.md "Sync protocol", docs/api.md).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one implementation of the JSON that travels between devices and the hub: records to and
 * from JSON objects, push requests and results, pull pages and error bodies. Used by the hub
 * and by the app's sync client, so both sides read and write exactly the same shapes.
 * Parsers are strict: wrong types, missing required fields and unknown fields are errors
 * (AISLE_ERROR_INVALID), never a crash and never silently ignored.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "aisle-error.h"
#include "aisle-model.h"

G_BEGIN_DECLS

#define AISLE_PROTOCOL_VERSION 1

/* Largest request body the hub accepts; larger ones get 413 too_large. */
#define AISLE_PROTOCOL_MAX_BODY (1024 * 1024)
/* Most mutations in one push, and changes in one pull page: by default, and at most when the
 * device asks for more with limit= (an initial sync does). */
#define AISLE_PROTOCOL_MAX_PUSH       1000
#define AISLE_PROTOCOL_MAX_PULL_PAGE  1000
#define AISLE_PROTOCOL_MAX_PULL_LIMIT 5000

/* Wire error codes beyond aisle_error_code_to_string()'s, so a client can tell them apart. */
#define AISLE_PROTOCOL_CODE_OUT_OF_ORDER    "out_of_order"
#define AISLE_PROTOCOL_CODE_DEVICE_REVOKED  "device_revoked"

/* Mutation result statuses. */
#define AISLE_RESULT_APPLIED    "applied"
#define AISLE_RESULT_REJECTED   "rejected"
#define AISLE_RESULT_DUPLICATE  "duplicate"

/* Change operations. */
#define AISLE_CHANGE_PUT    "put"
#define AISLE_CHANGE_DELETE "delete"

/* The outcome of one pushed mutation. A rejection carries a wire code and a human message;
 * @detail is an optional JSON object (e.g. {"result":"existing","member_id":...}). */
typedef struct
{
  gint64  id;
  char   *name;
  char   *status;
  char   *code;
  char   *message;
  char   *detail_json;
  gint64  at;
} AisleMutationResult;

/* One row of a pull page: @data is the entity's JSON object for "put", NULL for "delete".
 * A producer may set @data_json (the object as JSON text) instead, which the serialiser copies
 * verbatim: the hub builds entity JSON in SQL and need not parse it only to write it again. */
typedef struct
{
  gint64    seq;
  char     *entity;
  char     *entity_id;
  char     *op;
  JsonNode *data;
  char     *data_json;
} AisleChange;

typedef struct
{
  gint64     cursor;
  gboolean   more;
  gint64     last_mutation_id;
  gint64     remaining; /* changes in the device's scope after this page; -1 if not told */
  GPtrArray *changes;   /* (element-type AisleChange) */
  GPtrArray *results;   /* (element-type AisleMutationResult) */
} AislePullResponse;

AisleMutationResult *aisle_mutation_result_new   (void);
void                 aisle_mutation_result_free  (AisleMutationResult *self);
AisleChange         *aisle_change_new            (void);
void                 aisle_change_free           (AisleChange         *self);
AislePullResponse   *aisle_pull_response_new     (void);
void                 aisle_pull_response_free    (AislePullResponse   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleMutationResult, aisle_mutation_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleChange, aisle_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AislePullResponse, aisle_pull_response_free)

/* --- helpers ------------------------------------------------------------------------------- */

char      *aisle_protocol_to_string           (JsonNode            *node);
JsonNode  *aisle_protocol_parse               (const char          *data,
                                               gssize               length,
                                               GError             **error);
char      *aisle_protocol_error_body          (const char          *code,
                                               const char          *message);
gboolean   aisle_protocol_parse_error_body    (const char          *data,
                                               gssize               length,
                                               char               **out_code,
                                               char               **out_message);
gboolean   aisle_protocol_check_fields        (JsonObject          *object,
                                               const char * const  *allowed,
                                               const char          *what,
                                               GError             **error);
const char *aisle_protocol_get_string         (JsonObject          *object,
                                               const char          *member,
                                               gboolean             required,
                                               GError             **error);
gboolean   aisle_protocol_get_int             (JsonObject          *object,
                                               const char          *member,
                                               gboolean             required,
                                               gint64              *out,
                                               GError             **error);
gboolean   aisle_protocol_get_bool            (JsonObject          *object,
                                               const char          *member,
                                               gboolean             required,
                                               gboolean            *out,
                                               GError             **error);

/* --- records ------------------------------------------------------------------------------- */

JsonNode  *aisle_protocol_branch_to_json       (const AisleBranch      *branch);
JsonNode  *aisle_protocol_staff_to_json        (const AisleStaff       *staff);
JsonNode  *aisle_protocol_member_to_json       (const AisleMember      *member);
JsonNode  *aisle_protocol_consent_to_json      (const AisleConsent     *consent);
JsonNode  *aisle_protocol_binding_to_json      (const AisleBinding     *binding);
JsonNode  *aisle_protocol_product_to_json      (const AisleProduct     *product);
JsonNode  *aisle_protocol_stock_to_json        (const AisleStock       *stock);
JsonNode  *aisle_protocol_order_to_json        (const AisleOrder       *order);
JsonNode  *aisle_protocol_points_to_json       (const AislePointsEntry *entry);
JsonNode  *aisle_protocol_coupon_to_json       (const AisleCoupon      *coupon);
JsonNode  *aisle_protocol_invoice_to_json      (const AisleInvoice     *invoice);
JsonNode  *aisle_protocol_reservation_to_json  (const AisleReservation *reservation);
JsonNode  *aisle_protocol_note_to_json         (const AisleNote        *note);

AisleMember *aisle_protocol_member_from_json   (JsonNode               *node,
                                                GError                **error);
AisleBinding *aisle_protocol_binding_from_json (JsonNode               *node,
                                                GError                **error);
AisleCoupon *aisle_protocol_coupon_from_json   (JsonNode               *node,
                                                GError                **error);

/* --- push ---------------------------------------------------------------------------------- */

char      *aisle_protocol_push_request_to_string (GPtrArray         *mutations);
GPtrArray *aisle_protocol_push_request_parse     (const char        *data,
                                                  gssize             length,
                                                  GError           **error);
char      *aisle_protocol_push_response_to_string (gint64            last_mutation_id,
                                                   GPtrArray        *results);
GPtrArray *aisle_protocol_push_response_parse    (const char        *data,
                                                  gssize             length,
                                                  gint64            *out_last_mutation_id,
                                                  GError           **error);

JsonNode  *aisle_protocol_result_to_json         (const AisleMutationResult *result);
AisleMutationResult *aisle_protocol_result_from_json (JsonNode      *node,
                                                      GError       **error);

/* --- pull ---------------------------------------------------------------------------------- */

char      *aisle_protocol_pull_response_to_string (const AislePullResponse *response);
AislePullResponse *aisle_protocol_pull_response_parse (const char   *data,
                                                       gssize        length,
                                                       GError      **error);
/* aisle-protocol-pull.c: the same page read without a JSON tree (changes carry data_json). */
AislePullResponse *aisle_protocol_pull_response_read  (const char   *data,
                                                       gssize        length,
                                                       GError      **error);
gboolean   aisle_protocol_pull_response_peek  (const char          *data,
                                               gssize               length,
                                               gint64              *out_cursor,
                                               gboolean            *out_more,
                                               GError             **error);

G_END_DECLS
