/* aisle-profile-page-actions.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What staff change on a profile: bind, coupons and e-invoices (handed over by the window
 * when one is scanned), notes, tags, and revealing the phone number. Each is first checked
 * against the cache's records (aisle-store-profile.h) on the worker, so a refusal is
 * explained at once; what passes is queued as a mutation (cache and outbox in one
 * transaction) and the profile is read again, so the change shows before the hub has seen it.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "aisle-profile-page-private.h"
#include "aisle-profile-rows.h"

/* --- changes: check, then queue a mutation ------------------------------------------------ */

typedef struct
{
  AisleProfilePage *self;
  char             *success;
} MutateData;

static void
on_mutated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MutateData *d = user_data;
  AisleProfilePage *self = d->self;
  g_autoptr(GError) error = NULL;

  if (aisle_sync_client_mutate_finish (AISLE_SYNC_CLIENT (object), result, &error) > 0)
    {
      aisle_profile_page_show_message (self, d->success, FALSE);
      aisle_profile_page_reload (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("mutation: %s", error->message);
      aisle_profile_page_show_message (self, _("The change could not be saved on this tablet. Nothing was changed; try again."), TRUE);
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _aisle_profile_page_set_pending (self, -1);
  g_object_unref (self);
  g_free (d->success);
  g_free (d);
}

/* Queues @name with @args (a JsonBuilder's object, consumed) as the signed-in staff member. */
static void
queue_mutation (AisleProfilePage *self,
                const char       *name,
                JsonBuilder      *args,
                const char       *success)
{
  g_autoptr(JsonNode) root = json_builder_get_root (args);
  g_autofree char *json = json_to_string (root, FALSE);
  MutateData *d;

  if (self->sync_client == NULL || self->session == NULL ||
      !aisle_session_get_signed_in (self->session))
    {
      aisle_profile_page_show_message (self, _("Sign in first."), TRUE);
      return;
    }
  d = g_new0 (MutateData, 1);
  d->self = g_object_ref (self);
  d->success = g_strdup (success);
  _aisle_profile_page_set_pending (self, 1);
  aisle_sync_client_mutate_async (self->sync_client, name, json,
                                  aisle_session_get_staff_id (self->session), self->cancellable,
                                  on_mutated_cb, d);
}

static JsonBuilder *
begin_args (AisleProfilePage *self)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "member_id");
  json_builder_add_string_value (b, self->member_id);
  return b;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* A check on the worker: the job gets the member id and a copy of what it needs. */
typedef struct
{
  char          *member_id;
  char          *code;          /* coupon code, invoice number */
  AisleStaff    *staff;
  AisleEInvoice  invoice;       /* the fields used; strings owned */
  char          *source;
  int            check;
  gint64         days;          /* the hub's binding_lock_days or invoice_max_age_days */
  gpointer       found;         /* AisleCoupon or AisleBinding */
  GDestroyNotify found_free;
} CheckData;

static void
check_data_clear (CheckData *d)
{
  g_free (d->member_id);
  g_free (d->code);
  g_clear_pointer (&d->staff, aisle_staff_free);
  g_free (d->invoice.number);
  g_free (d->invoice.date);
  g_free (d->invoice.random_code);
  g_free (d->invoice.seller_id);
  g_free (d->source);
  if (d->found != NULL)
    d->found_free (d->found);
}

/* Shared by the job (its data) and the callback (its result): atomically counted. */
static void
check_data_unref (CheckData *d)
{
  g_atomic_rc_box_release_full (d, (GDestroyNotify) check_data_clear);
}

static CheckData *
check_data_new (AisleProfilePage *self)
{
  CheckData *d = g_atomic_rc_box_new0 (CheckData);

  d->member_id = g_strdup (self->member_id);
  return d;
}

static void
run_check (AisleProfilePage    *self,
           AisleWorkerFunc      func,
           CheckData           *d,
           GAsyncReadyCallback  callback)
{
  _aisle_profile_page_set_pending (self, 1);
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, func, d,
                          (GDestroyNotify) check_data_unref, (GDestroyNotify) check_data_unref,
                          self->cancellable, callback, self);
}

static CheckData *
finish_check (AisleProfilePage *self,
              GAsyncResult     *result)
{
  g_autoptr(GError) error = NULL;
  CheckData *d = aisle_worker_run_finish (self->worker, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  _aisle_profile_page_set_pending (self, -1);
  if (d == NULL)
    {
      g_warning ("check: %s", error->message);
      aisle_profile_page_show_message (self, _("The tablet’s cache could not be read. Try again."), TRUE);
    }
  return d;
}

/* Binding */

static gpointer
check_binding_job (AisleStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  CheckData *d = data;
  AisleBinding *active = NULL;

  d->check = aisle_store_check_binding (store, d->member_id, d->staff, NULL, _aisle_now_seconds (),
                                        &active, error);
  if (error != NULL && *error != NULL)
    return NULL;
  d->days = aisle_store_get_setting_int (store, "binding_lock_days", AISLE_BINDING_LOCK_DAYS);
  d->found = active;
  d->found_free = (GDestroyNotify) aisle_binding_free;
  return g_atomic_rc_box_acquire (d);
}

static void
on_binding_checked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AisleProfilePage *self = user_data;
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  CheckData *d = finish_check (self, result);
  const AisleBinding *active;

  if (d == NULL)
    return;
  active = d->found;
  switch ((AisleBindCheck) d->check)
    {
    case AISLE_BIND_ALREADY_YOURS:
      aisle_profile_page_show_message (self, _("This member is already bound to you."), FALSE);
      break;

    case AISLE_BIND_LOCKED:
      {
        g_autofree char *until = aisle_format_date (active->since + d->days * 86400);

        /* Translators: %s is the current associate's name, %d days, %s a date */
        text = g_strdup_printf (_("This member was bound to %s less than %d days ago. Until %s only a manager can move them to you."),
                                self->profile != NULL
                                  ? aisle_profile_staff_name (self->profile, active->staff_id)
                                  : active->staff_id,
                                (int) d->days, until);
        aisle_profile_page_show_message (self, text, TRUE);
      }
      break;

    case AISLE_BIND_NEEDS_MANAGER:
      aisle_profile_page_show_message (self, _("Only a manager can bind a member to another associate."), TRUE);
      break;

    case AISLE_BIND_OK:
    default:
      id = g_uuid_string_random ();
      b = begin_args (self);
      add_string (b, "binding_id", id);
      if (d->source != NULL)
        add_string (b, "source", d->source);
      json_builder_end_object (b);
      queue_mutation (self, "binding.create", b, _("Bound to you. The hub confirms it with the next sync."));
      break;
    }
  check_data_unref (d);
}

/* "Bind to Me", or a second scan of the open member's card (@source "card_scan"). */
void
aisle_profile_page_bind_to_me (AisleProfilePage *self,
                               const char       *source)
{
  CheckData *d;

  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  if (self->member_id == NULL || self->worker == NULL || self->session == NULL ||
      aisle_session_get_staff (self->session) == NULL)
    return;
  d = check_data_new (self);
  d->staff = aisle_staff_copy (aisle_session_get_staff (self->session));
  d->source = g_strdup (source);
  run_check (self, check_binding_job, d, on_binding_checked_cb);
}

void
on_bind_clicked_cb (AisleProfilePage *self)
{
  aisle_profile_page_bind_to_me (self, NULL);
}

/* Coupons */

static gpointer
check_coupon_job (AisleStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CheckData *d = data;
  AisleCoupon *coupon = NULL;

  d->check = aisle_store_check_coupon (store, d->code, d->member_id, _aisle_now_seconds (), &coupon,
                                       error);
  if (error != NULL && *error != NULL)
    return NULL;
  d->found = coupon;
  d->found_free = (GDestroyNotify) aisle_coupon_free;
  return g_atomic_rc_box_acquire (d);
}

/* Says why @code cannot be redeemed, or queues its redemption: the same for a coupon the cache
 * had and for one the hub was asked about (then cached). @coupon is NULL when the cache does
 * not have it, or the hub only said whose it is not. */
static void
answer_coupon (AisleProfilePage  *self,
               const char        *code,
               AisleCouponCheck   check,
               const AisleCoupon *coupon,
               gboolean           asked_hub)
{
  g_autofree char *text = NULL;

  if (coupon == NULL && check != AISLE_COUPON_OTHER_MEMBER)
    check = AISLE_COUPON_UNKNOWN;
  switch (check)
    {
    case AISLE_COUPON_UNKNOWN:
      if (asked_hub)
        /* Translators: %s is a coupon code */
        text = g_strdup_printf (_("The coupon %s is not one of ours: the hub does not know it either. It was not redeemed."),
                                code);
      else
        /* Translators: %s is a coupon code */
        text = g_strdup_printf (_("The coupon %s is not one of ours, or has not reached this tablet yet. It was not redeemed."),
                                code);
      break;

    case AISLE_COUPON_REDEEMED:
      {
        g_autofree char *when = aisle_format_date_time (coupon->redeemed_at);
        const char *where = coupon->redeemed_branch_id != NULL && self->profile != NULL
                              ? aisle_profile_branch_name (self->profile, coupon->redeemed_branch_id)
                              : _("another store");

        /* Translators: a coupon title, when and where it was used */
        text = g_strdup_printf (_("“%s” was already used on %s at %s. A coupon can be used once."),
                                coupon->title, when, where);
      }
      break;

    case AISLE_COUPON_EXPIRED:
      {
        g_autofree char *until = aisle_format_date (coupon->valid_until);

        text = g_strdup_printf (_("“%s” expired on %s."), coupon->title, until);
      }
      break;

    case AISLE_COUPON_NOT_YET_VALID:
      {
        g_autofree char *from = aisle_format_date (coupon->valid_from);

        text = g_strdup_printf (_("“%s” can be used from %s."), coupon->title, from);
      }
      break;

    case AISLE_COUPON_OTHER_MEMBER:
      if (coupon != NULL)
        text = g_strdup_printf (_("“%s” belongs to another member and cannot be used for this one."),
                                coupon->title);
      else
        /* Translators: %s is a coupon code */
        text = g_strdup_printf (_("The coupon %s belongs to another member and cannot be used for this one."),
                                code);
      break;

    case AISLE_COUPON_OK:
    default:
      {
        g_autoptr(JsonBuilder) b = begin_args (self);
        g_autofree char *value = aisle_format_money (coupon->value);
        g_autofree char *done = NULL;

        add_string (b, "code", code);
        json_builder_end_object (b);
        /* Translators: coupon title and value */
        done = g_strdup_printf (_("Redeemed “%s” (%s)."), coupon->title, value);
        queue_mutation (self, "coupon.redeem", b, done);
      }
      break;
    }
  if (text != NULL)
    aisle_profile_page_show_message (self, text, TRUE);
}

typedef struct
{
  AisleProfilePage *self;
  GCancellable     *cancellable;   /* the member's: cancelled when another one opens */
  char             *code;
  char             *member_id;
} CouponLookup;

static void
on_coupon_looked_up_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CouponLookup *l = user_data;
  AisleProfilePage *self = l->self;
  g_autoptr(AisleCoupon) coupon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AisleCouponCheck check;

  check = aisle_sync_client_lookup_coupon_finish (AISLE_SYNC_CLIENT (object), result, &coupon, &error);
  /* Another member opened meanwhile (which also cleared the busy count): not theirs. */
  if (g_cancellable_is_cancelled (l->cancellable))
    goto out;
  _aisle_profile_page_set_pending (self, -1);
  if (g_strcmp0 (self->member_id, l->member_id) != 0)
    goto out;
  if (error == NULL)
    {
      answer_coupon (self, l->code, check, coupon, TRUE);
      /* A refused coupon the hub showed is cached now: list it with its state. */
      if (coupon != NULL && check != AISLE_COUPON_OK)
        aisle_profile_page_reload (self);
    }
  else if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE))
    {
      /* Translators: %s is a coupon code */
      text = g_strdup_printf (_("The coupon %s is not on this tablet yet, and the hub cannot be reached to check it now. Nothing was redeemed; scan it again when the tablet is back online."),
                              l->code);
      aisle_profile_page_show_message (self, text, TRUE);
    }
  else
    {
      g_warning ("coupon lookup: %s", error->message);
      /* Translators: %s is a coupon code */
      text = g_strdup_printf (_("The hub could not check the coupon %s just now. Nothing was redeemed; try again."),
                              l->code);
      aisle_profile_page_show_message (self, text, TRUE);
    }

out:
  g_object_unref (l->self);
  g_object_unref (l->cancellable);
  g_free (l->code);
  g_free (l->member_id);
  g_free (l);
}

static void
on_coupon_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AisleProfilePage *self = user_data;
  CheckData *d = finish_check (self, result);
  CouponLookup *l;

  if (d == NULL)
    return;
  /* Not in the cache: issued after the last sync, or another member's. Ask the hub, which
   * answers with the coupon (then cached) or says why not; offline, say so. */
  if ((AisleCouponCheck) d->check == AISLE_COUPON_UNKNOWN && self->sync_client != NULL &&
      aisle_sync_client_get_paired (self->sync_client))
    {
      l = g_new0 (CouponLookup, 1);
      l->self = g_object_ref (self);
      l->cancellable = g_object_ref (self->cancellable);
      l->code = g_strdup (d->code);
      l->member_id = g_strdup (d->member_id);
      _aisle_profile_page_set_pending (self, 1);
      aisle_sync_client_lookup_coupon_async (self->sync_client, d->code, d->member_id,
                                             self->cancellable, on_coupon_looked_up_cb, l);
    }
  else
    answer_coupon (self, d->code, (AisleCouponCheck) d->check, d->found, FALSE);
  check_data_unref (d);
}

void
aisle_profile_page_redeem_coupon (AisleProfilePage *self,
                                  const char       *code)
{
  CheckData *d;

  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));
  g_return_if_fail (code != NULL);

  if (self->member_id == NULL || self->worker == NULL)
    return;
  d = check_data_new (self);
  d->code = g_strdup (code);
  run_check (self, check_coupon_job, d, on_coupon_checked_cb);
}

/* E-invoices */

static gpointer
check_invoice_job (AisleStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  CheckData *d = data;

  d->check = aisle_store_check_invoice (store, d->invoice.number, d->invoice.date,
                                        d->invoice.seller_id, d->member_id, _aisle_now_seconds (),
                                        error);
  if (error != NULL && *error != NULL)
    return NULL;
  d->days = aisle_store_get_setting_int (store, "invoice_max_age_days", AISLE_INVOICE_MAX_AGE_DAYS);
  return g_atomic_rc_box_acquire (d);
}

static void
on_invoice_checked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AisleProfilePage *self = user_data;
  CheckData *d = finish_check (self, result);
  g_autofree char *text = NULL;

  if (d == NULL)
    return;
  switch ((AisleInvoiceCheck) d->check)
    {
    case AISLE_INVOICE_ALREADY_YOURS:
      text = g_strdup_printf (_("The e-invoice %s is already registered to this member."),
                              d->invoice.number);
      break;

    case AISLE_INVOICE_TAKEN:
      text = g_strdup_printf (_("The e-invoice %s was already registered by another member. Points are given once per invoice."),
                              d->invoice.number);
      break;

    case AISLE_INVOICE_TOO_OLD:
      text = g_strdup_printf (_("The e-invoice %s is older than %d days and cannot earn points any more."),
                              d->invoice.number, (int) d->days);
      break;

    case AISLE_INVOICE_FUTURE:
      text = g_strdup_printf (_("The e-invoice %s is dated in the future. Check the tablet’s date."),
                              d->invoice.number);
      break;

    case AISLE_INVOICE_FOREIGN_SELLER:
      text = g_strdup_printf (_("The e-invoice %s was issued by another company (%s), not by our stores."),
                              d->invoice.number, d->invoice.seller_id);
      break;

    case AISLE_INVOICE_OK:
    default:
      {
        g_autoptr(JsonBuilder) b = begin_args (self);
        g_autofree char *done = NULL;

        add_string (b, "number", d->invoice.number);
        add_string (b, "date", d->invoice.date);
        add_string (b, "random_code", d->invoice.random_code);
        add_string (b, "seller_id", d->invoice.seller_id);
        json_builder_set_member_name (b, "total");
        json_builder_add_int_value (b, d->invoice.total_amount * 100);
        json_builder_end_object (b);
        done = g_strdup_printf (_("E-invoice %s registered; its points arrive with the next sync."),
                                d->invoice.number);
        queue_mutation (self, "invoice.register", b, done);
      }
      break;
    }
  if (text != NULL)
    aisle_profile_page_show_message (self, text, TRUE);
  check_data_unref (d);
}

void
aisle_profile_page_register_invoice (AisleProfilePage    *self,
                                     const AisleEInvoice *invoice)
{
  CheckData *d;

  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));
  g_return_if_fail (invoice != NULL && invoice->number != NULL);

  if (self->member_id == NULL || self->worker == NULL)
    return;
  d = check_data_new (self);
  d->invoice.number = g_strdup (invoice->number);
  d->invoice.date = g_strdup (invoice->date);
  d->invoice.random_code = g_strdup (invoice->random_code);
  d->invoice.seller_id = g_strdup (invoice->seller_id);
  d->invoice.total_amount = invoice->total_amount;
  run_check (self, check_invoice_job, d, on_invoice_checked_cb);
}

/* Notes and tags */

void
on_note_entry_apply_cb (AisleProfilePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *id = NULL;

  if (*text == '\0' || self->member_id == NULL)
    return;
  id = g_uuid_string_random ();
  b = begin_args (self);
  add_string (b, "note_id", id);
  add_string (b, "text", text);
  json_builder_end_object (b);
  queue_mutation (self, "note.add", b, _("Note added."));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
}

static void
set_tags (AisleProfilePage   *self,
          const char * const *tags,
          const char         *success)
{
  g_autoptr(JsonBuilder) b = begin_args (self);

  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (b, tags[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  queue_mutation (self, "tag.set", b, success);
}

void
on_tag_entry_apply_cb (AisleProfilePage *self)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))));
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  if (*tag == '\0' || self->profile == NULL)
    return;
  if (g_strv_contains ((const char * const *) self->profile->tags, tag))
    {
      aisle_profile_page_show_message (self, _("The member already has this tag."), FALSE);
      return;
    }
  g_strv_builder_addv (tags, (const char **) self->profile->tags);
  g_strv_builder_add (tags, tag);
  list = g_strv_builder_end (tags);
  set_tags (self, (const char * const *) list, _("Tag added."));
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
}

void
on_remove_tag_clicked_cb (GtkButton        *button,
                          AisleProfilePage *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  if (self->profile == NULL)
    return;
  for (guint i = 0; self->profile->tags[i] != NULL; i++)
    if (g_strcmp0 (self->profile->tags[i], tag) != 0)
      g_strv_builder_add (tags, self->profile->tags[i]);
  list = g_strv_builder_end (tags);
  set_tags (self, (const char * const *) list, _("Tag removed."));
}

/* The phone number: revealed only after the reveal is logged */

static gpointer
log_reveal_job (AisleStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  CheckData *d = data;

  if (!aisle_store_log_phone_reveal (store, d->member_id, d->staff->id, _aisle_now_seconds (), error))
    return NULL;
  return g_atomic_rc_box_acquire (d);
}

static void
on_reveal_logged_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AisleProfilePage *self = user_data;
  CheckData *d = finish_check (self, result);

  if (d == NULL)
    return;
  if (self->profile != NULL && g_strcmp0 (self->profile->member->id, d->member_id) == 0)
    {
      adw_action_row_set_subtitle (self->phone_row, self->profile->member->phone);
      gtk_widget_set_sensitive (GTK_WIDGET (self->reveal_button), FALSE);
      aisle_profile_page_show_message (self, _("Full phone number shown. Who looked and when is logged."), FALSE);
    }
  check_data_unref (d);
}

void
on_reveal_clicked_cb (AisleProfilePage *self)
{
  CheckData *d;

  if (self->profile == NULL || self->session == NULL ||
      aisle_session_get_staff (self->session) == NULL)
    return;
  d = check_data_new (self);
  d->staff = aisle_staff_copy (aisle_session_get_staff (self->session));
  run_check (self, log_reveal_job, d, on_reveal_logged_cb);
}

