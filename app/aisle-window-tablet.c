/* aisle-window-tablet.c: the staff tablet's flows in the window (issue 6).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sign-in comes first: until someone signs in, the tablet shows only the sign-in page and a
 * scanned badge picks the staff member; any other code is refused. Signing out (the menu, or
 * the idle timeout of AisleSession) clears every page, so the next person never sees the last
 * customer. Signed in, the member search is home; a member opens in the profile, a product in
 * the stock page, and a coupon or e-invoice scanned with a profile open is redeemed or
 * registered for that member. Scanning the open member's card again binds them to the
 * signed-in associate ("scan the card while signed in").
 *
 * The device's keys (aisle-device-keys.h) are read once the cache is open and again after
 * pairing: their ring verifies member cards, the device's own key signs the binding QR.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-binding-qr-dialog.h"
#include "aisle-member-search-page.h"
#include "aisle-profile-page.h"
#include "aisle-scan-page.h"
#include "aisle-signin-page.h"
#include "aisle-stock-page.h"
#include "aisle-window-private.h"

#define BINDING_QR_MINUTES 15

static gboolean
is_tablet (AisleWindow *self)
{
  return self->mode == AISLE_MODE_TABLET && self->session != NULL;
}

static void
toast (AisleWindow *self,
       const char  *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
update_subtitle (AisleWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  const char *what = NULL;
  const char *name = NULL;
  g_autofree char *text = NULL;

  if (!is_tablet (self))
    return;
  if (g_strcmp0 (page, "member-search") == 0)
    what = _("Members");
  else if (g_strcmp0 (page, "profile") == 0)
    what = _("Member Profile");
  else if (g_strcmp0 (page, "stock") == 0)
    what = _("Stock");
  else if (g_strcmp0 (page, "scan") == 0)
    what = _("Scan");
  else if (g_strcmp0 (page, "signin") == 0)
    what = _("Sign In");
  else if (g_strcmp0 (page, "store-performance") == 0)
    what = _("Store Performance");
  else if (g_strcmp0 (page, "pairing") == 0)
    /* Translators: window subtitle while the tablet is paired with the hub */
    what = _("Pairing");
  if (what == NULL)
    return;
  if (aisle_session_get_signed_in (self->session))
    name = aisle_session_get_staff (self->session)->name;
  /* Translators: window subtitle: the page, then the signed-in staff member */
  text = name != NULL ? g_strdup_printf (_("%s · %s"), what, name) : g_strdup (what);
  adw_window_title_set_subtitle (self->window_title, text);
}

static void
on_visible_child_changed_cb (AisleWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean signed_in = is_tablet (self) && aisle_session_get_signed_in (self->session);

  if (!is_tablet (self))
    return;
  gtk_widget_set_visible (self->back_button,
                          signed_in && (g_strcmp0 (page, "profile") == 0 ||
                                        g_strcmp0 (page, "stock") == 0 ||
                                        g_strcmp0 (page, "scan") == 0 ||
                                        g_strcmp0 (page, "store-performance") == 0));
  update_subtitle (self);
}

static void
update_actions (AisleWindow *self)
{
  gboolean signed_in = is_tablet (self) && aisle_session_get_signed_in (self->session);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "window.sign-out", signed_in);
  gtk_widget_action_set_enabled (widget, "window.show-stock", signed_in);
  gtk_widget_action_set_enabled (widget, "window.show-binding-qr", signed_in);
  gtk_widget_action_set_enabled (widget, "window.back", signed_in);
  gtk_widget_action_set_enabled (widget, "window.open-member", signed_in);
  /* Managers only (aisle-window-dashboard.c asks for the PIN again). */
  gtk_widget_action_set_enabled (widget, "window.show-store-performance",
                                 signed_in && aisle_session_get_is_manager (self->session));
}

/* Whether member data may show: always outside the tablet, only signed in on it. */
gboolean
_aisle_window_tablet_may_show_members (AisleWindow *self)
{
  return !is_tablet (self) || aisle_session_get_signed_in (self->session);
}

/* Shows sign-in when nobody is signed in; returns TRUE if it did. */
gboolean
_aisle_window_tablet_show_home (AisleWindow *self)
{
  if (!is_tablet (self) || aisle_session_get_signed_in (self->session))
    return FALSE;
  gtk_stack_set_visible_child (self->stack, self->signin_page);
  return TRUE;
}

static void
on_signed_in_cb (AisleWindow      *self,
                 const AisleStaff *staff)
{
  aisle_session_sign_in (self->session, staff);
}

static void
on_session_signed_in_changed_cb (AisleWindow *self)
{
  update_actions (self);
  if (aisle_session_get_signed_in (self->session))
    {
      aisle_signin_page_reset (AISLE_SIGNIN_PAGE (self->signin_page));
      _aisle_window_show_home_page (self);
    }
  else
    {
      /* Nothing of the last customer stays on any page. */
      aisle_profile_page_clear (AISLE_PROFILE_PAGE (self->profile_page));
      aisle_stock_page_clear (AISLE_STOCK_PAGE (self->stock_page));
      aisle_member_search_page_reset (AISLE_MEMBER_SEARCH_PAGE (self->home_page));
      aisle_signin_page_reset (AISLE_SIGNIN_PAGE (self->signin_page));
      if (self->pairing_page == NULL ||
          gtk_stack_get_visible_child (self->stack) != self->pairing_page)
        gtk_stack_set_visible_child (self->stack, self->signin_page);
      _aisle_window_dashboard_clear (self);
      if (self->attention_dialog != NULL)
        gtk_window_destroy (self->attention_dialog);
    }
  on_visible_child_changed_cb (self);
}

static void
on_activity_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                AisleWindow              *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      aisle_session_touch (self->session);
      break;
    default:
      break;
    }
}

/* --- opening members ---------------------------------------------------------------------- */

typedef struct
{
  AisleWindow *window;       /* not owned: the job belongs to the window's cancellable */
  char        *id;
  char        *number;
  gboolean     bind_if_open; /* a card scan: binds when this member is already open */
} FindData;

static void
find_data_free (FindData *d)
{
  g_free (d->id);
  g_free (d->number);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FindData, find_data_free)

static FindData *
find_data_copy (const FindData *d)
{
  FindData *copy = g_memdup2 (d, sizeof *d);

  copy->id = g_strdup (d->id);
  copy->number = g_strdup (d->number);
  return copy;
}

static gpointer
find_member_job (AisleStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  FindData *d = data;
  g_autoptr(GError) local_error = NULL;
  AisleMember *member = NULL;

  if (d->number != NULL)
    {
      member = aisle_store_get_member_by_number (store, d->number, &local_error);
      /* The needs-attention list may name a member by id rather than number. */
      if (member == NULL && g_error_matches (local_error, AISLE_STORE_ERROR,
                                             AISLE_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          member = aisle_store_get_member (store, d->number, &local_error);
        }
    }
  else if (d->id != NULL)
    member = aisle_store_get_member (store, d->id, &local_error);
  if (member == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return member;
}

static void
show_profile (AisleWindow *self,
              const char  *member_id)
{
  aisle_profile_page_show_member (AISLE_PROFILE_PAGE (self->profile_page), member_id);
  gtk_stack_set_visible_child (self->stack, self->profile_page);
}

static void
on_member_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FindData) d = user_data;
  AisleWindow *self = d->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) member = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (member == NULL)
    {
      if (!g_error_matches (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
        g_warning ("finding a member: %s", error->message);
      /* A member number may be known to the hub: the search page asks it. */
      if (d->number != NULL)
        _aisle_window_show_member_search (self, d->number);
      else
        toast (self, _("This member card’s member is not in this store’s records yet"));
      return;
    }
  if (d->bind_if_open &&
      gtk_stack_get_visible_child (self->stack) == self->profile_page &&
      g_strcmp0 (aisle_profile_page_get_member_id (AISLE_PROFILE_PAGE (self->profile_page)),
                 member->id) == 0)
    {
      aisle_profile_page_bind_to_me (AISLE_PROFILE_PAGE (self->profile_page), "card_scan");
      return;
    }
  show_profile (self, member->id);
}

static void
find_member (AisleWindow *self,
             const char  *id,
             const char  *number,
             gboolean     bind_if_open)
{
  FindData d = { self, (char *) id, (char *) number, bind_if_open };

  if (self->worker == NULL)
    return;
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, find_member_job, find_data_copy (&d),
                          (GDestroyNotify) find_data_free, (GDestroyNotify) aisle_member_free,
                          self->cancellable, on_member_found_cb, find_data_copy (&d));
}

void
_aisle_window_tablet_open_member (AisleWindow *self,
                                  const char  *member_id)
{
  if (!is_tablet (self) || !aisle_session_get_signed_in (self->session))
    return;
  show_profile (self, member_id);
}

static void
open_member_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AisleWindow *self = AISLE_WINDOW (widget);

  if (is_tablet (self) && aisle_session_get_signed_in (self->session))
    find_member (self, NULL, g_variant_get_string (parameter, NULL), FALSE);
}

/* --- stock, binding QR, sign-out, store performance, back --------------------------------- */

static const AisleMember *
open_member (AisleWindow *self)
{
  if (aisle_profile_page_get_member_id (AISLE_PROFILE_PAGE (self->profile_page)) == NULL)
    return NULL;
  return aisle_profile_page_get_member (AISLE_PROFILE_PAGE (self->profile_page));
}

static void
show_stock (AisleWindow *self)
{
  aisle_stock_page_set_customer (AISLE_STOCK_PAGE (self->stock_page), open_member (self));
  gtk_stack_set_visible_child (self->stack, self->stock_page);
}

static void
show_stock_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_stock (AISLE_WINDOW (widget));
}

static void
show_binding_qr_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AisleWindow *self = AISLE_WINDOW (widget);
  const AisleStaff *staff = aisle_session_get_staff (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  GtkWidget *dialog;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 expires = now + BINDING_QR_MINUTES * 60;

  if (staff == NULL)
    return;
  if (self->keys == NULL || !self->keys->has_secret_key)
    {
      toast (self, _("This tablet is not paired with the hub yet, so it cannot sign a binding QR"));
      return;
    }
  link = aisle_codes_sign_binding_link (self->keys->hub_url, staff->id, staff->branch_id, now,
                                        expires, self->keys->secret_key, &error);
  dialog = link != NULL ? aisle_binding_qr_dialog_new (GTK_WINDOW (self), staff->name, link,
                                                       expires, &error)
                        : NULL;
  if (dialog == NULL)
    {
      g_warning ("binding QR: %s", error->message);
      toast (self, _("The binding QR could not be made"));
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  aisle_session_sign_out (AISLE_WINDOW (widget)->session);
}

static void
show_store_performance_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  _aisle_window_dashboard_open (AISLE_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AisleWindow *self = AISLE_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (page == self->stock_page && open_member (self) != NULL)
    gtk_stack_set_visible_child (self->stack, self->profile_page);
  else
    _aisle_window_show_home_page (self);
}

/* --- scanned codes ------------------------------------------------------------------------ */

static gboolean
profile_is_open (AisleWindow *self)
{
  return gtk_stack_get_visible_child (self->stack) == self->profile_page &&
         open_member (self) != NULL;
}

/* A product of the catalogue opens its stock; a barcode the catalogue does not know is
 * explained on the scan page instead (an empty stock page would say less). */
typedef struct
{
  AisleWindow     *window;    /* not owned: the job belongs to the window's cancellable */
  AisleCode       *code;
  AisleScanSource  source;
} ProductData;

static void
product_data_free (ProductData *d)
{
  aisle_code_unref (d->code);
  g_free (d);
}

static gpointer
find_product_job (AisleStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return aisle_store_get_product_by_barcode (store, data, error);
}

static void
on_product_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ProductData *d = user_data;
  AisleWindow *self = d->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleProduct) product = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      product_data_free (d);
      return;
    }
  if (product != NULL)
    {
      show_stock (self);
      aisle_stock_page_show_product (AISLE_STOCK_PAGE (self->stock_page), product->id);
    }
  else
    {
      if (!g_error_matches (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
        g_warning ("finding a product: %s", error->message);
      _aisle_window_explain_code (self, d->code, d->source);
    }
  product_data_free (d);
}

static void
find_product (AisleWindow     *self,
              AisleCode       *code,
              AisleScanSource  source)
{
  ProductData *d = g_new0 (ProductData, 1);

  d->window = self;
  d->code = aisle_code_ref (code);
  d->source = source;
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, find_product_job,
                          g_strdup (aisle_code_get_product (code)->gtin13), g_free,
                          (GDestroyNotify) aisle_product_free, self->cancellable,
                          on_product_found_cb, d);
}

/* What the tablet does with a code; FALSE leaves it to the scan page (which explains it). */
gboolean
_aisle_window_tablet_act_on_code (AisleWindow     *self,
                                  AisleCode       *code,
                                  AisleScanSource  source)
{
  AisleCodeKind kind = aisle_code_get_kind (code);
  const AisleToken *token;

  if (!is_tablet (self))
    return FALSE;
  aisle_session_touch (self->session);

  if (kind == AISLE_CODE_KIND_STAFF_BADGE)
    {
      const char *staff_id = aisle_code_lookup_field (code, "staff_id");

      /* Another badge while signed in switches staff: sign-out clears every page first. */
      aisle_session_sign_out (self->session);
      gtk_stack_set_visible_child (self->stack, self->signin_page);
      aisle_signin_page_select_staff (AISLE_SIGNIN_PAGE (self->signin_page), staff_id);
      return TRUE;
    }
  if (!aisle_session_get_signed_in (self->session))
    {
      /* Nothing about a member before sign-in; any other code is only explained. */
      if (kind != AISLE_CODE_KIND_MEMBER_CARD && kind != AISLE_CODE_KIND_MEMBER_NUMBER &&
          kind != AISLE_CODE_KIND_COUPON && kind != AISLE_CODE_KIND_EINVOICE)
        return FALSE;
      toast (self, _("Sign in first: tap your name or scan your staff badge"));
      return TRUE;
    }
  if (self->worker == NULL)
    return FALSE;

  switch (kind)
    {
    case AISLE_CODE_KIND_MEMBER_CARD:
      token = aisle_code_get_token (code);
      if (!aisle_code_is_valid (code) || token->member_id == NULL)
        return FALSE;
      find_member (self, token->member_id, NULL, TRUE);
      return TRUE;

    /* A plain member number only identifies (anyone can read one off a receipt): the window
     * shows the member in the search results for staff to confirm with a tap. */
    case AISLE_CODE_KIND_COUPON:
      if (!aisle_code_is_valid (code))
        return FALSE;
      if (!profile_is_open (self))
        {
          toast (self, _("Open the customer’s profile first, then scan the coupon to redeem it"));
          return TRUE;
        }
      aisle_profile_page_redeem_coupon (AISLE_PROFILE_PAGE (self->profile_page),
                                        aisle_code_lookup_field (code, "coupon"));
      return TRUE;

    case AISLE_CODE_KIND_EINVOICE:
      if (!aisle_code_is_valid (code) || aisle_code_get_einvoice (code)->number == NULL)
        return FALSE;
      if (!profile_is_open (self))
        {
          toast (self, _("Open the customer’s profile first, then scan the e-invoice to register it"));
          return TRUE;
        }
      aisle_profile_page_register_invoice (AISLE_PROFILE_PAGE (self->profile_page),
                                           aisle_code_get_einvoice (code));
      return TRUE;

    case AISLE_CODE_KIND_PRODUCT:
      if (!aisle_code_is_valid (code))
        return FALSE;
      find_product (self, code, source);
      return TRUE;

    default:
      return FALSE;
    }
}

/* --- keys, worker, pairing ---------------------------------------------------------------- */

static gpointer
load_keys_job (AisleStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return aisle_store_load_device_keys (store, error);
}

static void
on_keys_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AisleWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  AisleDeviceKeys *keys = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (keys == NULL)
    {
      g_warning ("reading the device keys: %s", error->message);
      return;
    }
  g_clear_pointer (&self->keys, aisle_device_keys_free);
  self->keys = keys;
  if (self->session == NULL)
    return;
  aisle_signin_page_set_branch_id (AISLE_SIGNIN_PAGE (self->signin_page), keys->store_id);
  aisle_profile_page_set_branch_id (AISLE_PROFILE_PAGE (self->profile_page), keys->store_id);
  aisle_stock_page_set_branch_id (AISLE_STOCK_PAGE (self->stock_page), keys->store_id);
}

static void load_keys (AisleWindow *self);

/* A sync brought new rows: the store's staff arrive with the first one after pairing, and other
 * devices' keys (a kiosk paired later, a device revoked) with any. */
static void
on_sync_success_cb (AisleWindow *self)
{
  load_keys (self);
  if (self->session != NULL && !aisle_session_get_signed_in (self->session))
    aisle_signin_page_reload (AISLE_SIGNIN_PAGE (self->signin_page));
}

/* The cache is open (or was replaced): every page reads from the new worker; keys reload. */
static void
load_keys (AisleWindow *self)
{
  if (self->worker != NULL)
    aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, load_keys_job, NULL, NULL,
                            (GDestroyNotify) aisle_device_keys_free, self->cancellable,
                            on_keys_loaded_cb, self);
}

void
_aisle_window_tablet_set_worker (AisleWindow *self)
{
  load_keys (self);
  if (self->session == NULL)
    return;
  aisle_signin_page_set_worker (AISLE_SIGNIN_PAGE (self->signin_page), self->worker);
  aisle_profile_page_set_worker (AISLE_PROFILE_PAGE (self->profile_page), self->worker);
  aisle_stock_page_set_worker (AISLE_STOCK_PAGE (self->stock_page), self->worker);
  aisle_profile_page_set_sync_client (AISLE_PROFILE_PAGE (self->profile_page), self->sync_client);
  aisle_stock_page_set_sync_client (AISLE_STOCK_PAGE (self->stock_page), self->sync_client);
  if (self->sync_client != NULL)
    g_signal_connect_object (self->sync_client, "notify::last-success",
                             G_CALLBACK (on_sync_success_cb), self, G_CONNECT_SWAPPED);
}

/* Pairing stored the keys and the store: read them again, and the store's staff. */
void
_aisle_window_tablet_paired (AisleWindow *self)
{
  load_keys (self);
}

/* --- building ----------------------------------------------------------------------------- */

void
_aisle_window_tablet_add_pages (AisleWindow *self)
{
  GtkEventController *activity;

  self->session = aisle_session_new ();
  g_signal_connect_object (self->session, "notify::signed-in",
                           G_CALLBACK (on_session_signed_in_changed_cb), self, G_CONNECT_SWAPPED);

  self->signin_page = aisle_signin_page_new ();
  gtk_stack_add_named (self->stack, self->signin_page, "signin");
  g_signal_connect_object (self->signin_page, "signed-in", G_CALLBACK (on_signed_in_cb), self,
                           G_CONNECT_SWAPPED);

  self->profile_page = aisle_profile_page_new ();
  aisle_profile_page_set_session (AISLE_PROFILE_PAGE (self->profile_page), self->session);
  gtk_stack_add_named (self->stack, self->profile_page, "profile");

  self->stock_page = aisle_stock_page_new ();
  aisle_stock_page_set_session (AISLE_STOCK_PAGE (self->stock_page), self->session);
  gtk_stack_add_named (self->stack, self->stock_page, "stock");

  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "window.back");
  gtk_widget_set_tooltip_text (self->back_button, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  gtk_widget_set_visible (self->back_button, FALSE);
  adw_header_bar_pack_start (self->header_bar, self->back_button);

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_changed_cb), self, G_CONNECT_SWAPPED);

  /* Any touch, click, key or scroll anywhere in the window keeps the session alive. */
  activity = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (activity, GTK_PHASE_CAPTURE);
  g_signal_connect (activity, "event", G_CALLBACK (on_activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), activity);

  update_actions (self);
}

void
_aisle_window_tablet_dispose (AisleWindow *self)
{
  if (self->session != NULL)
    aisle_session_sign_out (self->session);
  self->signin_page = NULL;
  self->profile_page = NULL;
  self->stock_page = NULL;
  self->back_button = NULL;
  if (self->dashboard_dialog != NULL)
    gtk_window_destroy (self->dashboard_dialog);
  g_clear_weak_pointer (&self->dashboard_dialog);
  if (self->attention_dialog != NULL)
    gtk_window_destroy (self->attention_dialog);
  g_clear_weak_pointer (&self->attention_dialog);
  g_clear_object (&self->session);
  g_clear_pointer (&self->keys, aisle_device_keys_free);
}

void
_aisle_window_tablet_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "window.open-member", "s", open_member_action);
  gtk_widget_class_install_action (widget_class, "window.show-stock", NULL, show_stock_action);
  gtk_widget_class_install_action (widget_class, "window.show-binding-qr", NULL,
                                   show_binding_qr_action);
  gtk_widget_class_install_action (widget_class, "window.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "window.show-store-performance", NULL,
                                   show_store_performance_action);
  gtk_widget_class_install_action (widget_class, "window.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "window.back",
                                       NULL);
}

/* The session of a tablet window (NULL in kiosk mode): tests and the dashboard read it. */
AisleSession *
aisle_window_get_session (AisleWindow *self)
{
  g_return_val_if_fail (AISLE_IS_WINDOW (self), NULL);

  return self->session;
}
